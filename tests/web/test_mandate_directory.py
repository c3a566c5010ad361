"""The mandate directory: coverage, current holders and terms, letters signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_directory_shows_coverage_and_current_holders(anonymous_client, privacy_mandate,
                                                          expression_mandate, published_b):
    response = anonymous_client.get(reverse("mandate-list"))
    content = response.content.decode()
    assert "The right to privacy, including online" in content
    assert "Held now by <strong>Ana Brian Nougrères</strong> (term until 31 July 2024)" in content
    assert "Before: Joseph Cannataci (2015–2018)" in content
    counts = {m.short_name: m.letters_signed for m in response.context["mandates"]}
    assert counts == {"SR privacy": 0, "SR expression": 1}


def test_staff_see_every_letter_counted(staff_client, letter_a, letter_b, published_b):
    counts = {m.short_name: m.letters_signed
              for m in staff_client.get(reverse("mandate-list")).context["mandates"]}
    assert counts == {"SR privacy": 2, "SR expression": 2}


def test_the_directory_can_be_searched_by_holder(anonymous_client, privacy_mandate,
                                                 expression_mandate):
    mandates = anonymous_client.get(reverse("mandate-list") + "?q=irene").context["mandates"]
    assert [m.short_name for m in mandates] == ["SR expression"]


@pytest.mark.parametrize("client_name", ["staff_client", "lead_a_client", "lead_b_client",
                                         "anonymous_client"])
def test_each_count_is_what_the_viewer_can_find_among_the_letters(
        request, client_name, letter_a, letter_b, published_b, privacy_mandate,
        expression_mandate):
    """The directory counts by the letters' own rule: the letters this viewer finds in
    their letters list or in the public register, and no other."""
    client = request.getfixturevalue(client_name)
    found = _references(client, "public-list")
    if client_name != "anonymous_client":
        found |= _references(client, "letter-list")
    for mandate in client.get(reverse("mandate-list")).context["mandates"]:
        signed = set(mandate.communications.filter(reference__in=found)
                     .values_list("reference", flat=True))
        assert mandate.letters_signed == len(signed), (mandate.short_name, signed)


def _references(client, url_name: str) -> set[str]:
    return {letter.reference for letter in client.get(reverse(url_name)).context["page"]}


def test_a_mandate_whose_last_term_ended_shows_that_holder_not_nobody(
        anonymous_client, frozen_today, expression_mandate):
    frozen_today(dt.date(2026, 12, 1))
    content = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert ("<strong>Irene Khan</strong>: term ended on 31 July 2026; successor not yet "
            "recorded.") in content
    assert "nobody" not in content
