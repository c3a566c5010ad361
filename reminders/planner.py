"""The planning pass: decide which reminders are due and write them to the outbox.

Run by Celery beat every few minutes (reminders.tasks.plan) or by cron through
``manage.py plan_reminders``. A pass:

1. takes the letters whose ``next_reminder_on`` has come, in batches, each batch locked
   with ``SELECT ... FOR UPDATE SKIP LOCKED`` so that two planners running at once split
   the work instead of doing it twice (the unique constraint on the outbox catches
   anything that slips through);
2. for each letter writes one outbox row per recipient for the latest step due (the
   catch-up rule, reminders/schedule.py) and moves ``next_reminder_on`` to the next step,
   in the same transaction, so a crash loses nothing and repeats nothing;
3. queues the new rows for sending once that transaction has committed;
4. re-queues pending rows whose retry moment has come or whose worker died;
5. writes the weekly digests' rows, and the reminders of calls for input to companies
   that intend to submit (14 and 3 days before the deadline), and a heartbeat for the
   health check.

The cost of a pass follows the number of letters due, not the size of the table: the
letters are found through a partial index on ``next_reminder_on``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from btech.office_time import office_date, office_today
from calls.models import REMINDER_DAYS_BEFORE, CallParticipation, CallReminder
from dialogues.reminders import plan_action_reminders
from engagements.deadlines import is_historical
from engagements.models import Communication
from reminders.models import (
    DeliveryState,
    Digest,
    PlannerHeartbeat,
    PlanningError,
    RecipientReason,
    Reminder,
    StepKind,
)
from reminders.outboxes import registered_outboxes
from reminders.queue import (
    queue_call_reminders,
    queue_digests,
    queue_reminders,
)
from reminders.recipients import Person, call_recipients, recipients
from reminders.schedule import (
    Schedule,
    Step,
    acknowledgement_steps,
    call_step_key,
    call_step_on,
    latest_acknowledgement_step,
    latest_step,
    next_acknowledgement_step_on,
    next_step_on,
)
from reminders.selectors import ohchr_staff, people_for, schedules_for
from topics.digest import topic_digests_plan

logger = logging.getLogger(__name__)

HEARTBEAT_NAME = "reminder-planner"

@dataclass
class PlanResult:
    letters: int = 0
    reminder_ids: list[int] = field(default_factory=list)
    requeued: int = 0
    digest_ids: list[int] = field(default_factory=list)
    # Rows other apps' outboxes planned in this pass (reminders/outboxes.py), by outbox.
    planned_elsewhere: dict[str, list[int]] = field(default_factory=dict)
    topic_digest_ids: list[int] = field(default_factory=list)
    call_reminder_ids: list[int] = field(default_factory=list)
    action_reminder_ids: list[int] = field(default_factory=list)
    seconds: float = 0.0


def plan_pass(
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    enqueue: bool = True,
    batch_size: int | None = None,
    catch_up: bool = False,
) -> PlanResult:
    """One planning pass. With ``enqueue=False`` nothing is queued (cron, tests, bench).

    ``catch_up=True`` is the pass run when beat starts: every pending row nobody holds is
    queued again whatever its age, since the broker may have lost its queue while
    everything was down (queueing a row twice is harmless: delivery claims each row).
    """
    started = time.perf_counter()
    today = today or office_today()
    now = now or timezone.now()
    batch_size = batch_size or settings.BTECH_REMINDER_PLAN_BATCH_SIZE
    result = PlanResult()
    directory = _Directory()
    # Letters flagged by an earlier pass are unflagged by the batch that plans them, or
    # here once a final reply has ended their planning.
    flagged = PlanningError.objects.exists()
    if flagged:
        PlanningError.objects.filter(communication__final_reply_on__isnull=False).delete()
    # A letter awaiting a reply always has next_reminder_on (Communication.save sets it);
    # one written around save() has not: plan it from the day it was sent, as if new.
    Communication.objects.filter(next_reminder_on__isnull=True, final_reply_on__isnull=True
                                 ).update(next_reminder_on=F("sent_on"))
    while True:
        letters, ids = _plan_batch(today=today, now=now, batch_size=batch_size,
                                   enqueue=enqueue, directory=directory, flagged=flagged)
        if not letters:
            break
        result.letters += letters
        result.reminder_ids.extend(ids)
    # Follow-up actions (dialogues/reminders.py): the same outbox, in the same pass.
    result.action_reminder_ids = plan_action_reminders(today=today, now=now, enqueue=enqueue)
    result.requeued = _requeue(now=now, enqueue=enqueue, catch_up=catch_up)
    result.digest_ids = _plan_digests(today=today, now=now, enqueue=enqueue)
    for outbox in registered_outboxes():
        if outbox.plan is not None:
            result.planned_elsewhere[outbox.name] = outbox.plan(today=today, now=now,
                                                                enqueue=enqueue)
    # The company users' weekly topic digests, on the same day (topics/digest.py).
    result.topic_digest_ids = topic_digests_plan(week_of=digest_week_of(today), now=now,
                                                 enqueue=enqueue)
    result.call_reminder_ids = _plan_call_reminders(today=today, now=now, enqueue=enqueue)
    result.seconds = time.perf_counter() - started
    PlannerHeartbeat.objects.update_or_create(
        name=HEARTBEAT_NAME,
        defaults={"last_run_at": timezone.now(), "last_duration_ms": int(result.seconds * 1000),
                  "last_planned": len(result.reminder_ids)},
    )
    logger.info("reminder planner: %d letters, %d reminders planned, %d re-queued, "
                "%d digests, %d call reminders in %.2fs", result.letters,
                len(result.reminder_ids), result.requeued, len(result.digest_ids),
                len(result.call_reminder_ids), result.seconds)
    return result


_INSERT_REMINDERS = """
INSERT INTO {table} (
    communication_id, kind, step, due_on, days_before_due, scheduled_on, contact_id, reason,
    recipient_email, recipient_name,
    state, attempts, last_error, cancel_reason, next_attempt_at, created_at, updated_at
)
SELECT r.*, %s, 0, '', '', %s, %s, %s
FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[], %s::date[], %s::smallint[],
            %s::date[], %s::bigint[], %s::varchar[], %s::varchar[], %s::varchar[])
     AS r(communication_id, kind, step, due_on, days_before_due, scheduled_on, contact_id,
          reason, recipient_email, recipient_name)
ON CONFLICT (communication_id, step, recipient_email) DO NOTHING
RETURNING id
"""

_MOVE_CURSORS = """
UPDATE {table} AS c SET next_reminder_on = v.next_on
FROM unnest(%s::bigint[], %s::date[]) AS v(id, next_on)
WHERE c.id = v.id
"""


class _Directory:
    """Schedules and people read once per pass, not once per batch: the same companies
    come up batch after batch. A pass lasts seconds; an edit made during it is seen by
    the next pass."""

    def __init__(self) -> None:
        self.schedules: dict[int, Schedule] = {}
        self.company_people: dict[int, list[Person]] = {}
        self.assignees: dict[int, Person] = {}
        self._looked_up: set[int] = set()
        self._recipients: dict[tuple[StepKind, int, int | None],
                               list[tuple[Person, RecipientReason]]] = {}

    def load(self, company_ids: set[int], assignee_ids: set[int]) -> None:
        companies = company_ids - self.schedules.keys()
        assignees = assignee_ids - self._looked_up
        if companies:
            self.schedules.update(schedules_for(companies))
        if companies or assignees:
            by_company, by_id = people_for(companies, assignees)
            for company_id in companies:
                self.company_people[company_id] = by_company.get(company_id, [])
            self.assignees.update(by_id)
            self._looked_up |= assignees

    def recipients(self, kind: StepKind, company_id: int, assignee_id: int | None,
                   today: dt.date) -> list[tuple[Person, RecipientReason]]:
        # Thousands of letters share a handful of (company, owner, step kind) triples.
        key = (kind, company_id, assignee_id)
        if key not in self._recipients:
            self._recipients[key] = recipients(
                kind=kind, assignee=self.assignees.get(assignee_id) if assignee_id else None,
                company_contacts=self.company_people.get(company_id, ()), today=today,
            )
        return self._recipients[key]


# What Reminder.days_before_due (a smallint) holds.
_DAYS_BEFORE_DUE_RANGE = range(-32768, 32768)


def _plan_batch(
    *, today: dt.date, now: dt.datetime, batch_size: int, enqueue: bool,
    directory: _Directory, flagged: bool,
) -> tuple[int, list[int]]:
    with transaction.atomic():
        # Safe to skip waiting for the disk flush at commit: if the server crashes before
        # it, the outbox rows and the moved next_reminder_on are lost together and the next
        # pass plans the same reminders again (a task already queued for a lost row finds
        # nothing to claim). It takes a fifth off a pass.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
        # SKIP LOCKED: a second planner takes the next letters instead of waiting for, and
        # then repeating, this batch. The lock lasts until the batch's rows are written.
        letters = list(
            Communication.objects
            .filter(next_reminder_on__lte=today, final_reply_on__isnull=True)
            # Index order: no sort, and the longest-waiting letters first.
            .order_by("next_reminder_on")
            .select_for_update(skip_locked=True)
            .values_list("pk", "company_id", "assignee_id", "due_on", "next_reminder_on",
                         "sent_on", "created_at", "acknowledged_at", "imported_at")
            [:batch_size]
        )
        if not letters:
            return 0, []
        directory.load({row[1] for row in letters}, {row[2] for row in letters if row[2]})
        schedules = directory.schedules
        columns: tuple[list[object], ...] = tuple([] for _ in range(10))
        cursor_ids: list[int] = []
        cursor_dates: list[dt.date] = []
        failed: dict[int, str] = {}
        for pk, company_id, assignee_id, due_on, since, sent_on, created_at, acknowledged_at, \
                imported_at in letters:
            try:
                schedule = schedules[company_id]
                since = since or today
                chasing = _acknowledgement_steps(due_on=due_on, sent_on=sent_on,
                                                 created_at=created_at,
                                                 acknowledged_at=acknowledged_at)
                steps = [step for step in (
                    None if _past_when_imported(due_on=due_on, imported_at=imported_at)
                    else latest_step(schedule, due_on, since=since, today=today),
                    latest_acknowledgement_step(chasing, since=since, today=today),
                ) if step is not None]
                for step in steps:
                    if step.days_before_due not in _DAYS_BEFORE_DUE_RANGE:
                        # The batch's rows go in one INSERT: one value the column cannot
                        # hold would fail it for every letter of the batch, pass after pass.
                        raise ValueError(
                            f"its due date {due_on} is {abs(step.days_before_due)} days from "
                            f"{step.on}, more than a reminder holds; check when the letter "
                            "was sent and its extension")
                rows = [
                    (pk, step.kind.value, step.key, due_on, step.days_before_due, step.on,
                     person.contact_id, reason.value, person.address, person.name[:200])
                    for step in steps
                    for person, reason in directory.recipients(step.kind, company_id,
                                                               assignee_id, today)
                ]
                next_on = min(day for day in (
                    next_step_on(schedule, due_on, after=today),
                    next_acknowledgement_step_on(chasing, after=today),
                ) if day is not None)
            except Exception as error:
                # One letter with bad data must not stop the pass (nor every pass after
                # it): logged, flagged for staff, and looked at again tomorrow.
                logger.exception("cannot plan reminders for letter %s", pk)
                failed[pk] = f"{type(error).__name__}: {error}"[:2000]
                rows, next_on = [], today + dt.timedelta(days=1)
            for row in rows:
                for column, value in zip(columns, row, strict=True):
                    column.append(value)
            cursor_ids.append(pk)
            cursor_dates.append(next_on)
        created: list[int] = []
        connection.ensure_connection()
        # The driver's own cursor: it binds the arrays as parameters on the server, where
        # Django's cursor would quote tens of thousands of values into the SQL text.
        with connection.connection.cursor() as cursor:
            if columns[0]:
                cursor.execute(
                    _INSERT_REMINDERS.format(table=Reminder._meta.db_table),
                    [DeliveryState.PENDING.value, now, now, now, *columns],
                )
                created = [row[0] for row in cursor.fetchall()]
            cursor.execute(_MOVE_CURSORS.format(table=Communication._meta.db_table),
                           [cursor_ids, cursor_dates])
        _flag(failed, planned=[pk for pk in cursor_ids if pk not in failed] if flagged else [],
              now=now)
        if enqueue and created:
            queue_reminders(created)
    return len(letters), created


def _acknowledgement_steps(*, due_on: dt.date, sent_on: dt.date, created_at: dt.datetime,
                           acknowledged_at: dt.datetime | None) -> tuple[Step, ...]:
    """The steps chasing receipt, while nobody has acknowledged a letter that was news
    when it was logged (a historical letter was never announced, so is not chased)."""
    logged_on = office_date(created_at)
    if acknowledged_at is not None or is_historical(sent_on=sent_on, logged_on=logged_on):
        return ()
    return acknowledgement_steps(logged_on=logged_on, due_on=due_on,
                                 within_days=settings.BTECH_ACKNOWLEDGE_WITHIN_DAYS)


def _past_when_imported(*, due_on: dt.date, imported_at: dt.datetime | None) -> bool:
    """A letter imported from the archive after its due date had passed is a record of
    the past: no reminder chases it (a letter logged late by hand still gets the overdue
    reminder it missed). An extension past the day of the import makes it news again."""
    return imported_at is not None and due_on < office_date(imported_at)


def _flag(failed: dict[int, str], *, planned: list[int], now: dt.datetime) -> None:
    """Show staff the letters that could not be planned (Reminders › Letters the planner
    cannot plan, and on the letter's admin page); forget those planned again."""
    if failed:
        PlanningError.objects.bulk_create(
            [PlanningError(communication_id=pk, error=error, first_failed_at=now,
                           last_failed_at=now) for pk, error in failed.items()],
            update_conflicts=True, unique_fields=["communication"],
            update_fields=["error", "last_failed_at"],
        )
    if planned:
        PlanningError.objects.filter(communication_id__in=planned).delete()


def _requeue(*, now: dt.datetime, enqueue: bool, catch_up: bool = False) -> int:
    """Queue again the pending rows nobody is sending: a retry whose backoff has passed,
    a task lost with its broker message, a worker killed mid-batch (its lease expired).
    A row younger than BTECH_REMINDER_REQUEUE_AFTER_SECONDS is normally left to the task
    queued with it; the catch-up pass takes it too."""
    wait = 0 if catch_up else settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS
    ready_before = now - dt.timedelta(seconds=wait)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    limit = settings.BTECH_REMINDER_REQUEUE_LIMIT
    reminder_ids = list(Reminder.objects.filter(free, state=DeliveryState.PENDING,
                                                next_attempt_at__lt=ready_before)
                        .order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    digest_ids = list(Digest.objects.filter(free, state=DeliveryState.PENDING,
                                            next_attempt_at__lt=ready_before)
                      .order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    if enqueue:
        queue_reminders(reminder_ids)
        queue_digests(digest_ids)
    # Every other outbox (topic digests, call and action reminders, webhook deliveries)
    # declared in reminders/outboxes.py, the same way.
    others = 0
    for outbox in registered_outboxes():
        ids = list(outbox.model._default_manager.filter(
            free, state=DeliveryState.PENDING, next_attempt_at__lt=ready_before,
        ).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
        if enqueue:
            outbox.queue(ids)
        others += len(ids)
    return len(reminder_ids) + len(digest_ids) + others


def digest_week_of(today: dt.date) -> dt.date:
    """The latest digest day on or before today (a digest missed on Monday goes Tuesday)."""
    back = (today.weekday() - settings.BTECH_DIGEST_WEEKDAY) % 7
    return today - dt.timedelta(days=back)


def _plan_digests(*, today: dt.date, now: dt.datetime, enqueue: bool) -> list[int]:
    week_of = digest_week_of(today)
    have = Digest.objects.filter(week_of=week_of).values_list("recipient_id", flat=True)
    staff = list(ohchr_staff().exclude(pk__in=have).values_list("pk", "email", "first_name",
                                                                "last_name"))
    if not staff:
        return []
    with transaction.atomic():
        rows = Digest.objects.bulk_create(
            [Digest(week_of=week_of, recipient_id=pk, recipient_email=email.strip().lower(),
                    recipient_name=f"{first} {last}".strip(), next_attempt_at=now)
             for pk, email, first, last in staff],
            # A second planner may have written some of them a moment ago.
            ignore_conflicts=True,
        )
        ids = list(Digest.objects.filter(
            week_of=week_of, recipient_id__in=[r.recipient_id for r in rows],
            created_at__gte=now, state=DeliveryState.PENDING,
        ).values_list("pk", flat=True))
        if enqueue and ids:
            queue_digests(ids)
    return ids


_INSERT_CALL_REMINDERS = """
INSERT INTO {table} (
    call_id, company_id, step, deadline, days_before, scheduled_on, contact_id, reason,
    recipient_email, recipient_name,
    state, attempts, last_error, cancel_reason, next_attempt_at, created_at, updated_at
)
SELECT r.*, %s, 0, '', '', %s, %s, %s
FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::date[], %s::smallint[],
            %s::date[], %s::bigint[], %s::varchar[], %s::varchar[], %s::varchar[])
     AS r(call_id, company_id, step, deadline, days_before, scheduled_on, contact_id,
          reason, recipient_email, recipient_name)
ON CONFLICT (call_id, step, recipient_email) DO NOTHING
RETURNING id
"""


def _plan_call_reminders(*, today: dt.date, now: dt.datetime, enqueue: bool) -> list[int]:
    """The reminders of calls for input: for each company that intends to submit and
    has not yet, to its human-rights leads, on the Geneva days 14 and 3 days before the
    deadline (reminders/schedule.py call_step_on). Read afresh each pass: the calls
    open in the next two weeks with a company intending to submit are a handful, found
    through a partial index. The outbox's unique constraint makes a second planner, or
    a second pass the same day, a no-op: each step goes once."""
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS_BEFORE))
    pending = list(
        CallParticipation.objects.filter(
            intends_to_submit=True, submitted_on__isnull=True, call__closed_at__isnull=True,
            call__deadline__gte=today, call__deadline__lte=horizon)
        .values_list("call_id", "company_id", "call__deadline", "intent_at"))
    if not pending:
        return []
    by_company, _ = people_for({row[1] for row in pending}, [])
    columns: tuple[list[object], ...] = tuple([] for _ in range(10))
    for call_id, company_id, deadline, intent_at in pending:
        since = office_date(intent_at) if intent_at is not None else None
        days = call_step_on(deadline, today, since=since, days_before=REMINDER_DAYS_BEFORE)
        if days is None:
            continue
        for person, reason in call_recipients(company_contacts=by_company.get(company_id, ()),
                                               today=today):
            row = (call_id, company_id, call_step_key(deadline, days), deadline, days,
                   deadline - dt.timedelta(days=days), person.contact_id, reason.value,
                   person.address, person.name[:200])
            for column, value in zip(columns, row, strict=True):
                column.append(value)
    if not columns[0]:
        return []
    with transaction.atomic():
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            cursor.execute(_INSERT_CALL_REMINDERS.format(table=CallReminder._meta.db_table),
                           [DeliveryState.PENDING.value, now, now, now, *columns])
            created = [row[0] for row in cursor.fetchall()]
        if enqueue and created:
            queue_call_reminders(created)
    return created
