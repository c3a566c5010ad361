"""The public register: published letters and replies, nothing confidential."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from engagements import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_register_lists_published_letters_only(anonymous_client, letter_a, letter_b,
                                                   published_b):
    response = anonymous_client.get(reverse("public-list"))
    assert [letter.pk for letter in response.context["page"]] == [published_b.pk]


def test_a_published_letter_shows_its_reply_and_nothing_confidential(
        anonymous_client, published_b, company_b):
    owner = factories.ContactFactory(company=company_b, name="Hidden Owner",
                                     email="hidden@google.example")
    services.communication_assign(communication=published_b, assignee=owner,
                                  assigned_by=None)
    services.note_add(communication=published_b, kind="preview",
                      noted_on=dt.date(2024, 1, 2), body="Private heads-up", author=None)
    content = anonymous_client.get(reverse("public-detail", args=[published_b.pk])
                                   ).content.decode()
    assert "OL OTH 3/2024" in content
    assert "Our published reply." in content
    for secret in ("Hidden Owner", "hidden@google.example", "Private heads-up", ".pdf"):
        assert secret not in content


def test_a_letter_made_public_early_by_a_press_release_is_listed(anonymous_client, today,
                                                                 company_a):
    letter = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 6, 1),
                                            press_release_on=dt.date(2024, 6, 5))
    assert letter in anonymous_client.get(reverse("public-list")).context["page"]


def test_the_register_filters_by_company_mandate_type_year_and_text(
        anonymous_client, published_b, company_b, expression_mandate, letter_a):
    url = reverse("public-list")
    for query in (f"?company={company_b.pk}", f"?mandate={expression_mandate.pk}",
                  "?letter_type=OL", "?year=2024", "?q=policy"):
        assert [c.pk for c in anonymous_client.get(url + query).context["page"]] == [
            published_b.pk], query
    assert list(anonymous_client.get(url + "?letter_type=UA").context["page"]) == []


def test_the_register_offers_only_companies_with_a_published_letter(anonymous_client,
                                                                    published_b, letter_a):
    form = anonymous_client.get(reverse("public-list")).context["filterset"].form
    assert [company.name for company in form.fields["company"].queryset] == ["Google"]
    assert "deadline_status" not in form.fields
