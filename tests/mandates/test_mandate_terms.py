"""Mandate holders: 3 years a term, 6 years in all, one holder at a time (five for a WG)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mandates.models import MandateHolder, MandateType
from tests.factories import MandateFactory

pytestmark = pytest.mark.django_db
D = dt.date


def holder(mandate, name, start, end) -> MandateHolder:
    term = MandateHolder(mandate=mandate, name=name, term_start=start, term_end=end)
    term.full_clean()
    term.save()
    return term


def errors_of(mandate, name, start, end) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        holder(mandate, name, start, end)
    return caught.value.message_dict


def test_a_three_year_term_and_its_renewal_are_accepted():
    mandate = MandateFactory()
    holder(mandate, "Irene Khan", D(2020, 8, 1), D(2023, 7, 31))
    holder(mandate, "Irene Khan", D(2023, 8, 1), D(2026, 7, 31))
    assert mandate.holders.count() == 2


def test_a_term_longer_than_three_years_names_the_end_date():
    errors = errors_of(MandateFactory(), "Irene Khan", D(2020, 8, 1), D(2023, 8, 1))
    assert "at most 3 years" in errors["term_end"][0]
    assert MandateHolder.objects.count() == 0


def test_a_term_starting_on_29_february_may_run_to_the_28th_three_years_on():
    mandate = MandateFactory()
    holder(mandate, "A. Expert", D(2024, 2, 29), D(2027, 2, 27))
    errors = errors_of(MandateFactory(), "B. Expert", D(2024, 2, 29), D(2027, 2, 28))
    assert "term_end" in errors


def test_a_third_term_breaks_the_six_year_rule():
    mandate = MandateFactory()
    holder(mandate, "Mary Lawlor", D(2020, 5, 1), D(2023, 4, 30))
    holder(mandate, "Mary Lawlor", D(2023, 5, 1), D(2026, 4, 30))
    errors = errors_of(mandate, "Mary Lawlor", D(2026, 5, 1), D(2026, 12, 31))
    assert "more than 6 years" in errors["term_end"][0]
    assert mandate.holders.count() == 2


def test_the_six_year_rule_does_not_care_about_letter_case():
    mandate = MandateFactory()
    holder(mandate, "Mary Lawlor", D(2020, 5, 1), D(2023, 4, 30))
    holder(mandate, "Mary Lawlor", D(2023, 5, 1), D(2026, 4, 30))
    assert "term_end" in errors_of(mandate, "mary lawlor", D(2026, 5, 1), D(2027, 4, 30))


def test_an_end_before_the_start_is_refused():
    errors = errors_of(MandateFactory(), "A. Expert", D(2023, 1, 1), D(2022, 1, 1))
    assert "term_end" in errors


def test_a_special_rapporteur_has_one_holder_at_a_time():
    mandate = MandateFactory()
    holder(mandate, "David Kaye", D(2017, 8, 1), D(2020, 7, 31))
    holder(mandate, "Irene Khan", D(2020, 8, 1), D(2023, 7, 31))  # the next day: fine
    errors = errors_of(mandate, "Someone Else", D(2021, 1, 1), D(2022, 1, 1))
    assert "Irene Khan" in errors["term_start"][0]


def test_a_working_group_has_five_members_at_once_and_not_six():
    mandate = MandateFactory(mandate_type=MandateType.WORKING_GROUP, short_name="WG BHR")
    for n in range(5):
        holder(mandate, f"Member {n}", D(2021, 11, 1), D(2024, 10, 31))
    assert len(mandate.holders_on(D(2022, 6, 1))) == 5
    errors = errors_of(mandate, "Member 6", D(2022, 1, 1), D(2024, 12, 31))
    assert "5 seat(s)" in errors["term_start"][0]


def test_who_held_a_mandate_on_a_date_is_one_call():
    mandate = MandateFactory()
    kaye = holder(mandate, "David Kaye", D(2017, 8, 1), D(2020, 7, 31))
    khan = holder(mandate, "Irene Khan", D(2020, 8, 1), D(2023, 7, 31))
    assert list(mandate.holders_on(D(2020, 7, 31))) == [kaye]
    assert list(mandate.holders_on(D(2020, 8, 1))) == [khan]
    assert list(mandate.holders_on(D(2024, 1, 1))) == []
    assert list(MandateHolder.objects.held_on(D(2020, 8, 1))) == [khan]


def test_a_country_mandate_names_its_country():
    mandate = MandateFactory.build(kind="country", country="")
    with pytest.raises(ValidationError) as caught:
        mandate.full_clean()
    assert "country" in caught.value.message_dict
