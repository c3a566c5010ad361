"""Every page that shows today's date, a due date or "overdue" says, once and in plain
words, that its dates are Geneva's."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOTE = "Dates follow the office calendar in Geneva: today is Monday 10 June 2024, Geneva time"


@pytest.mark.parametrize(("client_name", "url"), [
    ("lead_a_client", reverse("letter-list")),
    ("staff_client", reverse("board")),
    ("lead_a_client", reverse("calendar-settings")),
    ("staff_client", reverse("letter-create")),
])
def test_the_page_says_its_calendar_is_genevas_once(request, letter_a, client_name, url):
    content = request.getfixturevalue(client_name).get(url).content.decode()
    assert content.count("office calendar in Geneva") == 1
    assert NOTE in content


def test_a_malformed_filter_is_named_in_an_error_summary(lead_a_client, letter_a):
    content = lead_a_client.get(reverse("letter-list") + "?sent_after=2024-13-45"
                                ).content.decode()
    summary = content[content.index('class="error-summary"'):content.index("<h1>")]
    assert 'href="#id_sent_after"' in summary
