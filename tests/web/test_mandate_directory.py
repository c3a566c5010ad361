"""The mandate directory: coverage, current holders and terms, letters signed."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_directory_shows_coverage_and_current_holders(anonymous_client, privacy_mandate,
                                                          expression_mandate, published_b):
    response = anonymous_client.get(reverse("mandate-list"))
    content = response.content.decode()
    assert "The right to privacy, including online" in content
    assert "Ana Brian Nougrères (1 Aug 2021 – 31 Jul 2024)" in content
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
