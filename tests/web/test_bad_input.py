"""Malformed query strings and URLs are answered as errors on the page, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "?page=abc", "?page=9999", "?ordering=bogus", "?mandate=abc", "?company=-1",
    "?deadline_status=overdue,nope", "?year=99999999999", "?sent_after=2024-13-45",
    "?q=%00", "?letter_type=XX",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize(("client_name", "url_name"), [
    ("lead_a_client", "letter-list"), ("staff_client", "board"),
    ("staff_client", "board-export-csv"), ("anonymous_client", "public-list"),
])
def test_odd_filters_never_fail_a_page(request, letter_a, published_b, client_name,
                                       url_name, query):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse(url_name) + query)
    assert response.status_code == 200, query
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)


def test_not_found_pages_say_so_in_the_apps_layout(lead_a_client, letter_b):
    response = lead_a_client.get(reverse("letter-detail", args=[letter_b.pk]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_mandate_directory_accepts_any_search(anonymous_client, privacy_mandate):
    for query in ("?kind=nonsense", "?q=%00", "?q=" + "x" * 500):
        assert anonymous_client.get(reverse("mandate-list") + query).status_code == 200


@pytest.mark.parametrize("page", ["/board/", "/letters/"])
def test_an_empty_status_entry_is_ignored_on_the_pages(staff_client, page):
    assert staff_client.get(f"{page}?deadline_status=,").status_code == 200
