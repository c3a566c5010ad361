"""The schedule as pure functions: which step is due, and when to look next."""

from __future__ import annotations

import datetime as dt

import pytest

from reminders.models import StepKind
from reminders.schedule import Schedule, current_step, latest_step, next_step_on

DUE = dt.date(2024, 3, 10)
DEFAULT = Schedule.build(days_before_due=[30, 14, 7, 2], on_due_date=True,
                         first_overdue_after_days=1, overdue_every_days=7)


def day(offset: int) -> dt.date:
    return DUE + dt.timedelta(days=offset)


@pytest.mark.parametrize(
    ("today", "kind", "days_before_due"),
    [
        (day(-30), StepKind.BEFORE_DUE, 30),
        (day(-14), StepKind.BEFORE_DUE, 14),
        (day(-7), StepKind.BEFORE_DUE, 7),
        (day(-2), StepKind.BEFORE_DUE, 2),
        (day(0), StepKind.DUE_TODAY, 0),
        (day(1), StepKind.OVERDUE, -1),
        (day(8), StepKind.OVERDUE, -8),
        (day(50), StepKind.OVERDUE, -50),
    ],
)
def test_each_step_falls_on_its_day(today, kind, days_before_due):
    step = latest_step(DEFAULT, DUE, since=today, today=today)
    assert step is not None
    assert (step.kind, step.days_before_due, step.on) == (kind, days_before_due, today)


@pytest.mark.parametrize("today", [day(-31), day(-29), day(-8), day(-1), day(2), day(7)])
def test_no_step_falls_between_steps(today):
    assert latest_step(DEFAULT, DUE, since=today, today=today) is None


def test_after_an_outage_only_the_latest_step_is_due():
    step = latest_step(DEFAULT, DUE, since=day(-31), today=day(-3))
    assert (step.kind, step.days_before_due) == (StepKind.BEFORE_DUE, 7)


def test_a_before_the_due_date_step_is_never_sent_after_it():
    step = latest_step(DEFAULT, DUE, since=day(-8), today=day(3))
    assert step.kind == StepKind.OVERDUE
    assert step.days_before_due == -1


def test_with_a_later_first_overdue_step_nothing_is_sent_in_between():
    late = Schedule.build(days_before_due=[7], on_due_date=True, first_overdue_after_days=3,
                          overdue_every_days=7)
    assert latest_step(late, DUE, since=day(-7), today=day(2)) is None
    assert current_step(late, DUE, today=day(2)) is None


@pytest.mark.parametrize(
    ("after", "expected"),
    [(day(-60), day(-30)), (day(-30), day(-14)), (day(-2), day(0)), (day(0), day(1)),
     (day(1), day(8)), (day(5), day(8)), (day(8), day(15)), (day(100), day(106))],
)
def test_the_next_look_is_the_next_step(after, expected):
    assert next_step_on(DEFAULT, DUE, after=after) == expected


def test_a_step_key_names_the_due_date_so_an_extension_starts_afresh():
    step = latest_step(DEFAULT, DUE, since=day(-7), today=day(-7))
    assert step.key == "2024-03-10/before_due/7"


def test_a_company_schedule_is_normalised():
    schedule = Schedule.build(days_before_due=[2, 21, 0, 21], on_due_date=False,
                              first_overdue_after_days=0, overdue_every_days=3)
    assert schedule.days_before_due == (21, 2)
    assert schedule.first_overdue_after_days == 1
    assert latest_step(schedule, DUE, since=day(0), today=day(0)) is None
