"""When reminders fall due: pure functions of a due date, a schedule and a day.

All days are Geneva dates (btech.office_time): a step "on 10 June" is due from midnight
in Geneva, whatever the server's time zone and whether summer time has just begun.

The catch-up rule lives here too: after an outage only the latest step that is due is
sent, and a "before the due date" step is never sent once the due date has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from btech.office_time import add_working_days
from reminders.models import ACKNOWLEDGEMENT_KINDS, StepKind


@dataclass(frozen=True)
class Schedule:
    days_before_due: tuple[int, ...]  # positive, largest first
    on_due_date: bool
    first_overdue_after_days: int
    overdue_every_days: int

    @classmethod
    def build(cls, *, days_before_due: list[int] | tuple[int, ...], on_due_date: bool,
              first_overdue_after_days: int, overdue_every_days: int) -> Schedule:
        return cls(
            days_before_due=tuple(sorted({int(d) for d in days_before_due if int(d) > 0},
                                         reverse=True)),
            on_due_date=bool(on_due_date),
            first_overdue_after_days=max(1, int(first_overdue_after_days)),
            overdue_every_days=max(1, int(overdue_every_days)),
        )


def default_schedule() -> Schedule:
    return Schedule.build(
        days_before_due=settings.BTECH_REMINDER_DAYS_BEFORE_DUE,
        on_due_date=settings.BTECH_REMINDER_ON_DUE_DATE,
        first_overdue_after_days=settings.BTECH_REMINDER_FIRST_OVERDUE_AFTER_DAYS,
        overdue_every_days=settings.BTECH_REMINDER_OVERDUE_EVERY_DAYS,
    )


@dataclass(frozen=True)
class Step:
    kind: StepKind
    due_on: dt.date
    days_before_due: int  # positive before, 0 on the due date, negative after

    @property
    def on(self) -> dt.date:
        return self.due_on - dt.timedelta(days=self.days_before_due)

    @property
    def key(self) -> str:
        if self.kind in ACKNOWLEDGEMENT_KINDS:
            # Once per letter, whatever happens to its due date meanwhile.
            return f"acknowledgement/{self.kind}"
        return f"{self.due_on.isoformat()}/{self.kind}/{self.days_before_due}"

    @property
    def escalates(self) -> bool:
        """Overdue steps also go to senior executives: ignored letters reach management."""
        return self.kind == StepKind.OVERDUE


def _steps_up_to_due_date(schedule: Schedule, due_on: dt.date) -> list[Step]:
    """The steps on or before the due date, earliest first."""
    steps = [Step(StepKind.BEFORE_DUE, due_on, days) for days in schedule.days_before_due]
    if schedule.on_due_date:
        steps.append(Step(StepKind.DUE_TODAY, due_on, 0))
    return steps


def _overdue_step(schedule: Schedule, due_on: dt.date, index: int) -> Step:
    days_after = schedule.first_overdue_after_days + index * schedule.overdue_every_days
    return Step(StepKind.OVERDUE, due_on, -days_after)


def latest_step(schedule: Schedule, due_on: dt.date, *, since: dt.date,
                today: dt.date) -> Step | None:
    """The one step to send today: the latest that fell due in [since, today], if any.

    Steps before the due date (and the due-date step) only count while the due date has
    not passed: "due in 7 days" is never sent late, "overdue" takes over.
    """
    first_overdue = due_on + dt.timedelta(days=schedule.first_overdue_after_days)
    if today >= first_overdue:
        index = (today - first_overdue).days // schedule.overdue_every_days
        step = _overdue_step(schedule, due_on, index)
        return step if step.on >= since else None
    if today > due_on:
        return None
    candidates = [s for s in _steps_up_to_due_date(schedule, due_on) if since <= s.on <= today]
    return candidates[-1] if candidates else None


def next_step_on(schedule: Schedule, due_on: dt.date, *, after: dt.date) -> dt.date:
    """The date of the first step strictly after `after`: when to look at the letter next."""
    for step in _steps_up_to_due_date(schedule, due_on):
        if step.on > after:
            return step.on
    first_overdue = due_on + dt.timedelta(days=schedule.first_overdue_after_days)
    if after < first_overdue:
        return first_overdue
    index = (after - first_overdue).days // schedule.overdue_every_days + 1
    return _overdue_step(schedule, due_on, index).on


def current_step(schedule: Schedule, due_on: dt.date, *, today: dt.date) -> Step | None:
    """The latest step due on `today`, however long ago it fell: what a row must still be."""
    return latest_step(schedule, due_on, since=dt.date.min, today=today)


# --- acknowledgement of receipt ------------------------------------------------------
# Working days are the office calendar's (btech.office_time.add_working_days): the board
# counts a letter's wait for acknowledgement with the same calendar.

def acknowledgement_steps(*, logged_on: dt.date, due_on: dt.date,
                          within_days: int) -> tuple[Step, Step]:
    """The lead's reminder, then the escalation to senior executives, for a letter not
    acknowledged within `within_days` working days of being logged (and twice that)."""
    remind_on = add_working_days(logged_on, within_days)
    escalate_on = add_working_days(logged_on, 2 * within_days)
    return (Step(StepKind.NOT_ACKNOWLEDGED, due_on, (due_on - remind_on).days),
            Step(StepKind.ACKNOWLEDGEMENT_ESCALATION, due_on, (due_on - escalate_on).days))


def latest_acknowledgement_step(steps: tuple[Step, ...], *, since: dt.date,
                                today: dt.date) -> Step | None:
    """The latest acknowledgement step that fell in [since, today] (the catch-up rule)."""
    candidates = [step for step in steps if since <= step.on <= today]
    return candidates[-1] if candidates else None


def next_acknowledgement_step_on(steps: tuple[Step, ...], *, after: dt.date) -> dt.date | None:
    return next((step.on for step in steps if step.on > after), None)


# --- calls for input -------------------------------------------------------------------

def call_step_on(deadline: dt.date, today: dt.date, *, since: dt.date | None = None,
                 days_before: tuple[int, ...] = (14, 3)) -> int | None:
    """The latest reminder step of a call (days before its deadline) whose Geneva day has
    come by `today`, while the deadline has not passed: the 14-day step from 14 days
    before, the 3-day step from 3 days before. The catch-up rule: a step missed while
    the planner was down goes out late, once, unless a later step has come meanwhile.
    With `since` (the day the company said it intends to submit), a step whose day came
    before it is not sent: a company that says so 10 days before the deadline hears
    from us 3 days before, not at once."""
    if today > deadline:
        return None
    left = (deadline - today).days
    due = [days for days in days_before if left <= days]
    if not due:
        return None
    step = min(due)
    if since is not None and deadline - dt.timedelta(days=step) < since:
        return None
    return step


def call_step_key(deadline: dt.date, days_before: int) -> str:
    # The deadline is part of the step: a moved deadline starts a fresh schedule.
    return f"{deadline.isoformat()}/{days_before}"
