"""Writes to the outbox: the assignment notice, delivery of queued rows, staff retries.

Delivery is AT-LEAST-ONCE. A row is claimed with a compare-and-set UPDATE (a lease, kept
short and renewed while the email is being sent), the email is handed to the backend,
and only then is the row marked sent. A worker killed between the backend accepting the
email and that UPDATE leaves the row pending, and the person gets it a second time:

- a pool process killed (SIGKILL, out of memory): Celery reports the worker lost and, as
  the tasks ask (acks_late, reject_on_worker_lost), hands the same task to another
  process at once. The lease names the task that holds it (`claimed_by`, the task's id),
  so the redelivered task takes its rows back straight away instead of waiting for the
  lease to run out;
- a whole worker killed: its lease runs out (BTECH_REMINDER_LEASE_SECONDS) and the next
  planner pass queues the row again.

Either way the row said it was being sent (`sending_since`), so the claim that takes it
over counts a possible duplicate on it (`possible_duplicates`, shown in the admin). We
accept that rare duplicate (its Message-ID is the same, so most mail clients show it
once) because the alternative, at-most-once, would silently lose a deadline reminder,
and a missed deadline is the harm this feature exists to prevent.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypedDict, TypeVar, Unpack

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Case, F, PositiveSmallIntegerField, Q, When
from django.utils import timezone

from btech.office_time import office_today
from calls.models import REMINDER_DAYS_BEFORE, CallParticipation, CallReminder
from dialogues.models import ActionReminder
from dialogues.reminders import prepare_action_reminder
from engagements.models import Communication
from publication.selectors import unready_publications
from reminders.emails import (
    call_reminder_message,
    digest_message,
    group_for_digest,
    reminder_message,
)
from reminders.models import (
    ACKNOWLEDGEMENT_KINDS,
    DeliveryState,
    Digest,
    OutboxRow,
    RecipientReason,
    Reminder,
    StepKind,
)
from reminders.outboxes import registered_outboxes
from reminders.queue import queue_reminders
from reminders.recipients import Person, call_recipients, recipients
from reminders.schedule import call_step_key, call_step_on, current_step
from reminders.selectors import digest_letters, ohchr_staff, people_for, schedule_for
from topics.digest import prepare_topic_digest
from topics.models import TopicDigest

logger = logging.getLogger(__name__)

Row = TypeVar("Row", bound=OutboxRow)


@dataclass
class DeliveryResult:
    sent: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # claimed elsewhere, or already done


# --- notices of what just happened to a letter ---------------------------------------

def assignment_notify(*, communication: Communication) -> Reminder | None:
    """Tell the letter's new issue owner at once; sent when the assignment commits.

    Call inside the transaction that changes the assignee: the row and the change commit
    together, or neither does. One notice per owner per letter per day, so flipping the
    owner back and forth does not flood anyone.
    """
    contact = communication.assignee
    if contact is None or communication.final_reply_on is not None:
        return None
    today = office_today()
    rows = _notify(communication=communication, kind=StepKind.ASSIGNED,
                   step=f"{today.isoformat()}/{StepKind.ASSIGNED}/{contact.pk}",
                   people=[(Person.of(contact), RecipientReason.ISSUE_OWNER)], today=today)
    return rows[0] if rows else None


def new_letter_notify(*, communication: Communication) -> list[Reminder]:
    """Tell the company's human-rights leads, and the issue owner if there is one, that
    a letter has come, in the transaction that logs it. Not for a historical letter."""
    if communication.is_historical() or communication.final_reply_on is not None:
        return []
    today = office_today()
    assignee_ids = [communication.assignee_id] if communication.assignee_id else []
    by_company, by_id = people_for([communication.company_id], assignee_ids)
    people = recipients(
        kind=StepKind.NEW_LETTER,
        assignee=by_id.get(communication.assignee_id) if communication.assignee_id else None,
        company_contacts=by_company.get(communication.company_id, ()), today=today,
    )
    return _notify(communication=communication, kind=StepKind.NEW_LETTER,
                   step=StepKind.NEW_LETTER.value, people=people, today=today)


def _notify(*, communication: Communication, kind: StepKind, step: str,
            people: list[tuple[Person, RecipientReason]], today: dt.date) -> list[Reminder]:
    """Write one outbox row per person (the unique constraint drops a repeat) and queue
    the new ones for when the transaction commits."""
    rows = []
    created_ids = []
    for person, reason in people:
        reminder, created = Reminder.objects.get_or_create(
            communication=communication, step=step, recipient_email=person.address,
            defaults={
                "kind": kind, "due_on": communication.due_on,
                "days_before_due": communication.days_remaining(today),
                "scheduled_on": today, "contact_id": person.contact_id, "reason": reason,
                "recipient_name": person.name[:200], "next_attempt_at": timezone.now(),
            },
        )
        rows.append(reminder)
        if created:
            created_ids.append(reminder.pk)
    queue_reminders(created_ids)
    return rows


# --- delivery -------------------------------------------------------------------------

def _claim(model: type[Row], pk: int, now: dt.datetime, owner: str = "") -> bool:
    """Compare-and-set: take the row only if it is pending, due and nobody holds it, or
    `owner` holds it (the same task, redelivered after its worker was lost).

    Runs in autocommit, so the lease is visible to every other worker before we send.
    """
    lease = dt.timedelta(seconds=settings.BTECH_REMINDER_LEASE_SECONDS)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    if owner:
        free |= Q(claimed_by=owner)
    return bool(model._default_manager.filter(
        free, pk=pk, state=DeliveryState.PENDING, next_attempt_at__lte=now,
    ).update(
        claimed_until=now + lease, claimed_by=owner, attempts=F("attempts") + 1,
        # Its last holder was lost while the mail server had the email: it may be out.
        possible_duplicates=Case(
            When(sending_since__isnull=False, then=F("possible_duplicates") + 1),
            default=F("possible_duplicates"), output_field=PositiveSmallIntegerField()),
        sending_since=None, updated_at=now,
    ))


class _Outcome(TypedDict, total=False):
    """The columns an attempt's outcome sets, besides releasing the claim."""

    state: DeliveryState
    sent_at: dt.datetime
    last_error: str
    cancel_reason: str
    next_attempt_at: dt.datetime


def _finish(model: type[Row], pk: int, **changes: Unpack[_Outcome]) -> None:
    model._default_manager.filter(pk=pk).update(
        claimed_until=None, claimed_by="", sending_since=None, updated_at=timezone.now(),
        **changes)
class _LeaseKeeper:
    """Renews the lease on the row being sent, every third of the lease, from a thread:
    an SMTP conversation may outlast a short lease, and a row whose lease ran out would
    be handed to a second worker while the first still sends it. Only while this process
    lives: a killed worker stops renewing, and its rows are free soon after."""

    def __init__(self, model: type[OutboxRow], owner: str) -> None:
        self.model = model
        self.owner = owner
        self.current: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="reminder-lease-keeper")

    def __enter__(self) -> _LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        seconds = settings.BTECH_REMINDER_LEASE_SECONDS
        try:
            while not self._stop.wait(seconds / 3):
                pk = self.current
                if pk is not None:
                    self.model._default_manager.filter(
                        pk=pk, claimed_by=self.owner, state=DeliveryState.PENDING,
                    ).update(claimed_until=timezone.now() + dt.timedelta(seconds=seconds))
        except Exception:
            logger.exception("could not renew the lease on %s %s", self.model.__name__,
                             self.current)
        finally:
            connection.close()  # this thread's own connection


def backoff(attempts: int, base_seconds: int | None = None) -> dt.timedelta:
    """1, 4, 16, 64 minutes...: an SMTP server that is down gets time to come back."""
    base = base_seconds or settings.BTECH_REMINDER_RETRY_BASE_SECONDS
    return dt.timedelta(seconds=base * 4 ** (attempts - 1))


class Transport(Protocol):
    """What carries a prepared row out (an email, an HTTP request) and its retry policy.

    `send` raises on any failure, which is recorded on the row and retried after
    `backoff(attempts)` until `max_attempts`; `reset` is called after a failure (drop a
    broken connection) and `close` once the batch is done.
    """

    max_attempts: int

    def backoff(self, attempts: int) -> dt.timedelta: ...

    def send(self, row: Any, prepared: Any) -> None: ...

    def reset(self) -> None: ...

    def close(self) -> None: ...


class EmailTransport:
    """The mail server: one SMTP session for the batch, reopened after an error."""

    def __init__(self) -> None:
        self.max_attempts: int = settings.BTECH_REMINDER_MAX_ATTEMPTS
        self.mail: BaseEmailBackend = get_connection()

    def backoff(self, attempts: int) -> dt.timedelta:
        return backoff(attempts)

    def send(self, row: OutboxRow, prepared: EmailMessage) -> None:
        self.mail.send_messages([prepared])

    def reset(self) -> None:
        self.mail.close()

    def close(self) -> None:
        self.mail.close()


def _deliver_rows(
    model: type[Row], ids: Iterable[int],
    prepare: Callable[[Row, dt.date], Any], owner: str | None,
    transport: Transport | None = None,
) -> DeliveryResult:
    """Send each row on its own: one bad row is recorded and never stops the others.

    `prepare` rechecks the row and returns what `transport` sends (by default an
    EmailMessage for the mail server), or a string: why it is cancelled instead.
    `owner` names the holder of the leases: the Celery task's id, so that the same task
    redelivered after its worker was lost takes its rows back; by default, this call.
    """
    result = DeliveryResult()
    owner = owner or f"run-{uuid.uuid4().hex}"
    carrier: Transport = transport or EmailTransport()
    try:
        with _LeaseKeeper(model, owner) as keeper:
            for pk in ids:
                _deliver_row(model, pk, prepare, owner, carrier, keeper, result)
    finally:
        # (Stale database connections are closed around each task by Celery's Django
        # fixup; nothing to do for them here.)
        carrier.close()
    return result


def outbox_deliver(*, model: type[Row], ids: Iterable[int],
                   prepare: Callable[[Row, dt.date], Any], transport: Transport,
                   owner: str | None = None) -> DeliveryResult:
    """Deliver rows of another app's outbox (reminders/outboxes.py) the way reminders
    are: claimed, leased, rechecked by `prepare`, sent by `transport`, recorded."""
    return _deliver_rows(model, ids, prepare, owner, transport)


def _deliver_row(model: type[Row], pk: int,
                 prepare: Callable[[Row, dt.date], Any], owner: str,
                 transport: Transport, keeper: _LeaseKeeper, result: DeliveryResult) -> None:
    """Claim, recheck, send and record one row; its outcome goes into `result`."""
    now = timezone.now()
    if not _claim(model, pk, now, owner):
        result.skipped.append(pk)
        return
    row = model._default_manager.get(pk=pk)
    if row.attempts > transport.max_attempts:
        # Claimed this often without an outcome: its workers keep dying on it.
        _finish(model, pk, state=DeliveryState.FAILED,
                last_error=row.last_error or "Gave up: the worker was lost while "
                "sending, too many times.")
        result.failed.append(pk)
        return
    try:
        prepared = prepare(row, office_today())
        if isinstance(prepared, str):
            _finish(model, pk, state=DeliveryState.CANCELLED, cancel_reason=prepared)
            result.cancelled.append(pk)
            return
        # From here until the outcome is recorded, the message may be out.
        model._default_manager.filter(pk=pk).update(sending_since=timezone.now())
        keeper.current = pk
        try:
            transport.send(row, prepared)
        finally:
            keeper.current = None
    except SoftTimeLimitExceeded:
        # Out of time: leave this row to its lease and the rest to the next pass.
        raise
    except Exception as error:  # an SMTP or HTTP error, or a bug in one row's data
        transport.reset()
        _record_error(model, row, error, result, transport)
        return
    _finish(model, pk, state=DeliveryState.SENT, sent_at=timezone.now(), last_error="")
    result.sent.append(pk)


def _record_error(model: type[Row], row: OutboxRow, error: Exception,
                  result: DeliveryResult, transport: Transport) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= transport.max_attempts:
        logger.error("giving up on %s %s after %d attempts: %s", model.__name__, row.pk,
                     row.attempts, message)
        _finish(model, row.pk, state=DeliveryState.FAILED, last_error=message)
        result.failed.append(row.pk)
    else:
        logger.warning("%s %s failed (attempt %d), will retry: %s", model.__name__, row.pk,
                       row.attempts, message)
        _finish(model, row.pk, last_error=message,
                next_attempt_at=timezone.now() + transport.backoff(row.attempts))
        result.retrying.append(row.pk)


def _prepare_reminder(reminder: Reminder, today: dt.date) -> EmailMessage | str:
    """Recompute the truth before sending: the row may have been overtaken since."""
    letter = (Communication.objects.select_related("company", "assignee")
              .prefetch_related("mandates").get(pk=reminder.communication_id))
    reminder.communication = letter
    kind = StepKind(reminder.kind)
    if letter.final_reply_on is not None:
        return "The final reply has been logged."
    if kind == StepKind.ASSIGNED:
        if letter.assignee is None or Person.of(letter.assignee).address != \
                reminder.recipient_email:
            return "The letter has been assigned to someone else since."
        return reminder_message(reminder, today)
    if kind == StepKind.NEW_LETTER:
        return reminder_message(reminder, today)  # news of the day it was logged
    if kind in ACKNOWLEDGEMENT_KINDS:
        if letter.acknowledged_at is not None:
            return "The letter has been acknowledged since."
    else:
        if letter.due_on != reminder.due_on:
            return f"The due date has moved to {letter.due_on}."
        step = current_step(schedule_for(letter.company_id), letter.due_on, today=today)
        if step is None or step.key != reminder.step:
            return "A later reminder has taken its place."
    by_company, by_id = people_for([letter.company_id],
                                   [letter.assignee_id] if letter.assignee_id else [])
    current = {person.address for person, _ in recipients(
        kind=kind, assignee=by_id.get(letter.assignee_id) if letter.assignee_id else None,
        company_contacts=by_company.get(letter.company_id, ()), today=today,
    )}
    if reminder.recipient_email not in current:
        return "No longer a recipient of this letter's reminders (reassigned or paused)."
    return reminder_message(reminder, today)


def reminders_deliver(*, reminder_ids: Iterable[int], owner: str | None = None
                      ) -> DeliveryResult:
    return _deliver_rows(Reminder, reminder_ids, _prepare_reminder, owner)


def _prepare_digest(digest: Digest, today: dt.date) -> EmailMessage | str:
    if not ohchr_staff().filter(pk=digest.recipient_id).exists():
        return "No longer OHCHR staff."
    window = settings.BTECH_DIGEST_DUE_WITHIN_DAYS
    letters = list(digest_letters(today, due_within_days=window))
    # Letters becoming public within 7 days without an approved public version.
    unpublished = unready_publications(Communication.objects.all(), today)
    if not letters and not unpublished:
        return "Nothing due or overdue this week."
    overdue = sum(1 for letter in letters if letter.due_on < today)
    groups = group_for_digest(letters, today, settings.BTECH_DIGEST_LETTERS_PER_COMPANY)
    return digest_message(digest, groups, overdue=overdue, due_soon=len(letters) - overdue,
                          today=today, unpublished=unpublished)


def digests_deliver(*, digest_ids: Iterable[int], owner: str | None = None
                    ) -> DeliveryResult:
    return _deliver_rows(Digest, digest_ids, _prepare_digest, owner)


def topic_digests_deliver(*, digest_ids: Iterable[int], owner: str | None = None
                          ) -> DeliveryResult:
    """The weekly topic digests of company users (topics/digest.py)."""
    return _deliver_rows(TopicDigest, digest_ids, prepare_topic_digest, owner)


def _prepare_call_reminder(reminder: CallReminder, today: dt.date) -> EmailMessage | str:
    """Recheck before sending: the company may have submitted or withdrawn its intent,
    the call may have closed or moved its deadline, the lead may have changed."""
    participation = (CallParticipation.objects.select_related("call", "company")
                     .filter(call_id=reminder.call_id, company_id=reminder.company_id).first())
    if participation is None or not participation.intends_to_submit:
        return "The company no longer intends to submit."
    if participation.submitted_on is not None:
        return "The submission has been recorded."
    call = participation.call
    if not call.is_open(today):
        return "The call is closed."
    if call.deadline != reminder.deadline:
        return f"The deadline has moved to {call.deadline}."
    days = call_step_on(call.deadline, today, days_before=REMINDER_DAYS_BEFORE)
    if days is None or call_step_key(call.deadline, days) != reminder.step:
        return "A later reminder has taken its place."
    by_company, _ = people_for([participation.company_id], [])
    current = {person.address for person, _ in call_recipients(
        company_contacts=by_company.get(participation.company_id, ()), today=today)}
    if reminder.recipient_email not in current:
        return "No longer a human-rights lead of the company (or reminders paused)."
    reminder.call = call
    reminder.company = participation.company
    return call_reminder_message(reminder, today)


def call_reminders_deliver(*, reminder_ids: Iterable[int], owner: str | None = None
                           ) -> DeliveryResult:
    return _deliver_rows(CallReminder, reminder_ids, _prepare_call_reminder, owner)


def pending_deliver(*, now: dt.datetime | None = None) -> DeliveryResult:
    """Send every pending row that may go now, in this process: cron sites and tests."""
    now = now or timezone.now()
    ready = Q(state=DeliveryState.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    result = reminders_deliver(reminder_ids=list(
        Reminder.objects.filter(ready).order_by("pk").values_list("pk", flat=True)))
    digests = digests_deliver(digest_ids=list(
        Digest.objects.filter(ready).order_by("pk").values_list("pk", flat=True)))
    # Every other outbox declared in reminders/outboxes.py (topic digests, call and
    # action reminders, webhook deliveries).
    others = [outbox.deliver(list(outbox.model._default_manager.filter(ready).order_by("pk")
                                  .values_list("pk", flat=True)), None)
              for outbox in registered_outboxes()]
    for more in (digests, *others):
        for name in ("sent", "cancelled", "retrying", "failed", "skipped"):
            getattr(result, name).extend(getattr(more, name))
    return result


def action_reminders_deliver(*, reminder_ids: Iterable[int], owner: str | None = None
                             ) -> DeliveryResult:
    """Follow-up action reminders (dialogues/reminders.py), delivered as every row is."""
    return _deliver_rows(ActionReminder, reminder_ids, prepare_action_reminder, owner)


# --- staff actions --------------------------------------------------------------------

def outbox_retry(model: type[OutboxRow], ids: Iterable[int]) -> list[int]:
    """Put failed rows of any outbox back in its queue, attempts counted afresh; the
    caller queues the ids returned, in its transaction."""
    failed = list(model._default_manager.filter(pk__in=list(ids), state=DeliveryState.FAILED)
                  .values_list("pk", flat=True))
    model._default_manager.filter(pk__in=failed).update(
        state=DeliveryState.PENDING, attempts=0, claimed_until=None, claimed_by="",
        next_attempt_at=timezone.now(), updated_at=timezone.now(),
    )
    return failed


@transaction.atomic
def reminders_retry(*, reminder_ids: Iterable[int]) -> int:
    """Staff put failed rows back in the queue (say, after fixing an address)."""
    ids = outbox_retry(Reminder, reminder_ids)
    queue_reminders(ids)
    return len(ids)


@transaction.atomic
def reminders_cancel(*, reminder_ids: Iterable[int], reason: str) -> int:
    return Reminder.objects.filter(
        pk__in=list(reminder_ids), state__in=[DeliveryState.PENDING, DeliveryState.FAILED]
    ).update(state=DeliveryState.CANCELLED, cancel_reason=reason[:200], claimed_until=None,
             claimed_by="", updated_at=timezone.now())
