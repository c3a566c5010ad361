"""Who holds a mandate today, or who held it last: Mandate.holders_on_record()."""

from __future__ import annotations

import datetime as dt

import pytest

from mandates.models import Mandate, MandateHolder, MandateType
from tests.factories import MandateFactory

pytestmark = pytest.mark.django_db
D = dt.date


def term(mandate: Mandate, name: str, start: dt.date, end: dt.date) -> MandateHolder:
    holder = MandateHolder(mandate=mandate, name=name, term_start=start, term_end=end)
    holder.full_clean()
    holder.save()
    return holder


@pytest.fixture
def expression() -> Mandate:
    mandate = MandateFactory.create()
    term(mandate, "David Kaye", D(2014, 8, 1), D(2017, 7, 31))
    term(mandate, "David Kaye", D(2017, 8, 1), D(2020, 7, 31))
    term(mandate, "Irene Khan", D(2020, 8, 1), D(2023, 7, 31))
    term(mandate, "Irene Khan", D(2023, 8, 1), D(2026, 7, 31))
    return mandate


def test_the_holder_of_the_day_is_current_and_former_holders_are_earlier(expression):
    record = expression.holders_on_record(D(2026, 7, 31))
    assert [h.name for h in record.current] == ["Irene Khan"]
    assert record.current[0].term_end == D(2026, 7, 31)
    assert record.last == ()
    assert record.earlier == (("David Kaye", D(2014, 8, 1), D(2020, 7, 31)),)


def test_after_the_last_recorded_term_the_last_holder_is_shown_with_its_end(expression):
    record = expression.holders_on_record(D(2026, 12, 1))
    assert record.current == ()
    assert [(h.name, h.term_end) for h in record.last] == [("Irene Khan", D(2026, 7, 31))]
    assert [name for name, _start, _end in record.earlier] == ["David Kaye"]
    assert not record.none_on_record


def test_a_mandate_nobody_is_recorded_for_says_so():
    record = MandateFactory.create().holders_on_record(D(2026, 12, 1))
    assert (record.current, record.last, record.none_on_record) == ((), (), True)


def test_a_working_group_lists_every_member_of_the_day():
    group = MandateFactory.create(mandate_type=MandateType.WORKING_GROUP)
    for name in ("B Member", "A Member"):
        term(group, name, D(2022, 1, 1), D(2024, 12, 31))
    record = group.holders_on_record(D(2024, 6, 1))
    assert [h.name for h in record.current] == ["A Member", "B Member"]


def test_a_prefetched_mandate_asks_the_database_nothing(expression, django_assert_num_queries):
    mandate = Mandate.objects.prefetch_related("holders").get(pk=expression.pk)
    with django_assert_num_queries(0):
        mandate.holders_on_record(D(2026, 12, 1))
