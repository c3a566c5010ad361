"""A company lead's letters: their company's only, most urgent first, with the words."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_lead_sees_their_letters_with_a_badge_and_words(lead_a_client, letter_a, letter_b):
    response = lead_a_client.get(reverse("letter-list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "AL OTH 11/2024" in content
    assert "JAL" in content  # two mandates signed it
    badge = re.search(r'<span class="badge badge--due_soon[^"]*"[^>]*>([^<]*)</span>', content)
    assert badge is not None and badge[1] == "Due in 6 days"
    assert [letter.pk for letter in response.context["page"]] == [letter_a.pk]


def test_letters_are_ordered_by_urgency(lead_a_client, today, company_a):
    later = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 5, 20))
    overdue = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 4, 1))
    replied = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 3, 1))
    factories.ResponseFactory(communication=replied, received_on=dt.date(2024, 3, 20))
    soon = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 4, 15))
    page = lead_a_client.get(reverse("letter-list")).context["page"]
    assert [letter.pk for letter in page] == [overdue.pk, soon.pk, later.pk, replied.pk]
    content = lead_a_client.get(reverse("letter-list")).content.decode()
    badges = re.findall(r'<span class="badge [^>]*>([^<]*)</span>', content)
    assert badges == ["Overdue by 10 days", "Due in 4 days", "Due in 39 days",
                      "Replied on time"]


def test_the_filters_and_search_narrow_the_list(lead_a_client, today, company_a,
                                                privacy_mandate):
    privacy = factories.CommunicationFactory(company=company_a, subject="Location data",
                                             mandates=[privacy_mandate])
    other = factories.CommunicationFactory(company=company_a, subject="Hate speech",
                                           sent_on=dt.date(2023, 12, 1))
    url = reverse("letter-list")

    def shown(query: str) -> set[int]:
        return {letter.pk for letter in lead_a_client.get(url + query).context["page"]}

    assert shown(f"?mandate={privacy_mandate.pk}") == {privacy.pk}
    assert shown("?year=2023") == {other.pk}
    assert shown("?q=location") == {privacy.pk}
    assert shown("?deadline_status=replied_late,overdue") == {other.pk}
    assert shown("?deadline_status=open") == {privacy.pk}


def test_a_malformed_filter_is_shown_as_an_error_not_a_crash(lead_a_client, letter_a):
    response = lead_a_client.get(reverse("letter-list") + "?year=abc&deadline_status=nope")
    assert response.status_code == 200
    assert response.context["filterset"].errors
    assert "AL OTH 11/2024" in response.content.decode()


def test_a_company_user_is_not_offered_a_company_filter(lead_a_client, staff_client, letter_a):
    assert "company" not in lead_a_client.get(reverse("letter-list")).context[
        "filterset"].form.fields
    assert "company" in staff_client.get(reverse("letter-list")).context[
        "filterset"].form.fields


def test_staff_see_every_companys_letters(staff_client, letter_a, letter_b):
    content = staff_client.get(reverse("letter-list")).content.decode()
    assert "AL OTH 11/2024" in content and "UA OTH 12/2024" in content


def test_home_sends_each_role_to_its_page(anonymous_client, lead_a_client, staff_client):
    assert anonymous_client.get("/")["Location"] == reverse("public-list")
    assert lead_a_client.get("/")["Location"] == reverse("my-work")
    assert staff_client.get("/")["Location"] == reverse("board")


def test_navigation_shows_only_what_the_role_can_use(anonymous_client, lead_a_client,
                                                     staff_client):
    lead_page = lead_a_client.get(reverse("mandate-list")).content.decode()
    assert 'href="/board/"' not in lead_page and 'href="/admin/"' not in lead_page
    assert "Our letters" in lead_page
    staff_page = staff_client.get(reverse("mandate-list")).content.decode()
    assert 'href="/board/"' in staff_page and 'href="/admin/"' in staff_page
    anonymous_page = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert 'href="/letters/"' not in anonymous_page and "Sign in" in anonymous_page
