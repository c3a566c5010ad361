"""Topics written through the one write path: the letter form, the letter admin, and
mandate holders recorded in the admin through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from engagements.models import Communication
from tests import factories
from tests.admin_forms import change_form_data
from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_staff_log_a_letter_with_its_topics(staff_client, today, company_a, privacy_mandate):
    ai, privacy = factories.topics("artificial-intelligence", "privacy-and-data-protection")
    form = staff_client.get(reverse("letter-create")).content.decode()
    assert 'value="artificial-intelligence"' not in form  # check boxes carry ids
    assert "Technology and society › Artificial intelligence" in form
    response = staff_client.post(reverse("letter-create"), {
        "reference": "AL OTH 80/2024", "company": company_a.name,
        "mandates": [privacy_mandate.pk], "sent_on": "2024-06-03", "language": "en",
        "subject": "Face search", "topics": [ai.pk, privacy.pk]}, follow=True)
    assert response.status_code == 200
    letter = Communication.objects.get(reference="AL OTH 80/2024")
    assert set(letter.topics.values_list("slug", flat=True)) == {
        "artificial-intelligence", "privacy-and-data-protection"}
    assert 'href="/topics/artificial-intelligence/"' in response.content.decode()


def test_the_letter_admin_changes_topics_through_the_service(staff_client, staff, today,
                                                             company_a):
    letter = factories.CommunicationFactory(company=company_a, topics=["deep-fakes"])
    data = change_form_data(letter)
    data["topics"] = [str(Topic.objects.get(slug="hate-speech-and-incitement").pk)]
    response = staff_client.post(
        reverse("admin:engagements_communication_change", args=[letter.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(letter.topics.values_list("slug", flat=True)) == [
        "hate-speech-and-incitement"]


def test_the_holder_admin_records_terms_by_the_rules(staff_client, privacy_mandate, today):
    url = reverse("admin:mandates_mandateholder_add")
    too_long = staff_client.post(url, {"mandate": privacy_mandate.pk, "name": "Someone",
                                       "term_start": "2024-08-01",
                                       "term_end": "2028-08-01"}, follow=True)
    assert "A term lasts at most 3 years" in too_long.content.decode()
    assert not privacy_mandate.holders.filter(name="Someone").exists()
    response = staff_client.post(url, {"mandate": privacy_mandate.pk, "name": "Someone",
                                       "term_start": "2024-08-01",
                                       "term_end": "2027-07-31"})
    assert response.status_code == 302
    assert privacy_mandate.holders.get(name="Someone").term_end == dt.date(2027, 7, 31)
