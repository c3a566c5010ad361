"""Delivery: retries with backoff, failed rows, leases, and one bad row among good ones."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from reminders import planner, services
from reminders.models import DeliveryState, Reminder
from tests.reminders import backends
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)
FIRST_STEP = dt.date(2024, 2, 9)  # "due in 30 days"


@pytest.fixture(autouse=True)
def _flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FlakySMTPBackend"
    settings.BTECH_REMINDER_MAX_ATTEMPTS = 3
    settings.BTECH_REMINDER_RETRY_BASE_SECONDS = 60
    settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS = 0
    backends.REFUSE.clear()
    yield
    backends.REFUSE.clear()


def test_an_smtp_error_is_retried_with_backoff_then_sent(
    make_letter, people, run_pass, in_geneva,
):
    make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    backends.REFUSE["lead@meta.example"] = 1

    first = run_pass(FIRST_STEP, 12, 0)

    assert [e.to for e in first] == ["owner@meta.example"]  # the bad row held up nobody
    row = Reminder.objects.get(recipient_email="lead@meta.example", kind="before_due")
    assert (row.state, row.attempts) == (DeliveryState.PENDING, 1)
    assert "SMTPRecipientsRefused" in row.last_error
    assert row.next_attempt_at == at_geneva(FIRST_STEP, 12, 0) + dt.timedelta(minutes=1)
    assert run_pass(FIRST_STEP, 12, 0) == []  # not before its backoff
    again = run_pass(FIRST_STEP, 12, 2)
    assert [e.to for e in again] == ["lead@meta.example"]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 2, "")


def test_after_the_last_attempt_the_row_is_failed_with_its_error(
    make_letter, people, run_pass,
):
    make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    backends.REFUSE["lead@meta.example"] = None

    for minute in (0, 2, 7, 30, 59):  # backoff: 1 then 4 then 16 minutes
        run_pass(FIRST_STEP, 12, minute)

    row = Reminder.objects.get(recipient_email="lead@meta.example", kind="before_due")
    assert (row.state, row.attempts) == (DeliveryState.FAILED, 3)
    assert "Mailbox busy" in row.last_error
    assert Reminder.objects.get(recipient_email="owner@meta.example",
                                kind="before_due").state == DeliveryState.SENT


def test_staff_can_send_a_failed_row_again(make_letter, people, run_pass, in_geneva):
    make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    backends.REFUSE["lead@meta.example"] = None
    for minute in (0, 2, 7, 30):
        run_pass(FIRST_STEP, 12, minute)
    failed = Reminder.objects.get(state=DeliveryState.FAILED)
    backends.REFUSE.clear()

    with in_geneva(FIRST_STEP, 13):
        assert services.reminders_retry(reminder_ids=[failed.pk]) == 1
        services.pending_deliver()

    failed.refresh_from_db()
    assert failed.state == DeliveryState.SENT


def test_a_row_claimed_by_another_worker_is_left_to_it_until_its_lease_expires(
    make_letter, people, in_geneva, settings,
):
    settings.BTECH_REMINDER_LEASE_SECONDS = 600
    make_letter(SENT, assignee=people.owner)
    with in_geneva(FIRST_STEP, 12):
        planner.plan_pass(enqueue=False)
        row = Reminder.objects.filter(kind="before_due").first()
        assert services._claim(Reminder, row.pk, planner.timezone.now())  # a worker took it
        result = services.reminders_deliver(reminder_ids=[row.pk])
        assert result.skipped == [row.pk]
    # The worker died. Ten minutes later its lease has expired: the next pass sends it.
    with time_machine.travel(at_geneva(FIRST_STEP, 12, 11), tick=False):
        assert planner.plan_pass(enqueue=False).requeued >= 1
        services.pending_deliver()
    row.refresh_from_db()
    assert (row.state, row.attempts) == (DeliveryState.SENT, 2)


def test_a_row_whose_workers_keep_dying_ends_failed(make_letter, people, in_geneva, settings):
    make_letter(SENT, assignee=people.owner)
    with in_geneva(FIRST_STEP, 12):
        planner.plan_pass(enqueue=False)
        row = Reminder.objects.filter(kind="before_due").first()
        Reminder.objects.filter(pk=row.pk).update(attempts=settings.BTECH_REMINDER_MAX_ATTEMPTS)
        start = len(mail.outbox)
        result = services.reminders_deliver(reminder_ids=[row.pk])
    assert result.failed == [row.pk]
    assert len(mail.outbox) == start
    row.refresh_from_db()
    assert row.state == DeliveryState.FAILED
    assert "worker was lost" in row.last_error


def test_delivering_the_same_rows_twice_sends_them_once(make_letter, people, in_geneva):
    make_letter(SENT, assignee=people.owner)
    with in_geneva(FIRST_STEP, 12):
        ids = planner.plan_pass(enqueue=False).reminder_ids
        first = services.reminders_deliver(reminder_ids=ids)
        second = services.reminders_deliver(reminder_ids=ids)
    assert sorted(first.sent) == sorted(ids)
    assert second.sent == [] and sorted(second.skipped) == sorted(ids)


def test_a_task_redelivered_after_its_worker_was_lost_takes_its_rows_back_at_once(
    make_letter, people, in_geneva, settings,
):
    """Celery hands the task of a killed pool process to another one, with the same id:
    that task may take back the rows the lost run held, without waiting for the lease."""
    settings.BTECH_REMINDER_LEASE_SECONDS = 600
    make_letter(SENT, assignee=people.owner)
    with in_geneva(FIRST_STEP, 12):
        planner.plan_pass(enqueue=False)
        mid_send, claimed = Reminder.objects.filter(kind="before_due").order_by("pk")
        now = planner.timezone.now()
        for row in (mid_send, claimed):  # the lost run had claimed both...
            assert services._claim(Reminder, row.pk, now, owner="task-1")
        # ... and was sending the first when it died.
        Reminder.objects.filter(pk=mid_send.pk).update(sending_since=now)

        elsewhere = services.reminders_deliver(reminder_ids=[mid_send.pk, claimed.pk],
                                               owner="task-2")
        assert elsewhere.skipped == [mid_send.pk, claimed.pk]  # not another task's rows
        again = services.reminders_deliver(reminder_ids=[mid_send.pk, claimed.pk],
                                           owner="task-1")
        assert again.sent == [mid_send.pk, claimed.pk]
    mid_send.refresh_from_db()
    claimed.refresh_from_db()
    # The one the lost run may have sent is counted as a possible duplicate; the other not.
    assert (mid_send.possible_duplicates, claimed.possible_duplicates) == (1, 0)
    assert (mid_send.claimed_by, mid_send.sending_since, mid_send.claimed_until) == (
        "", None, None)


def test_a_row_sent_when_a_whole_worker_died_is_marked_a_possible_duplicate(
    make_letter, people, in_geneva, settings,
):
    settings.BTECH_REMINDER_LEASE_SECONDS = 60
    make_letter(SENT, assignee=people.owner)
    with in_geneva(FIRST_STEP, 12):
        planner.plan_pass(enqueue=False)
        row = Reminder.objects.filter(kind="before_due").first()
        now = planner.timezone.now()
        assert services._claim(Reminder, row.pk, now, owner="dead-worker")
        Reminder.objects.filter(pk=row.pk).update(sending_since=now)
    # A minute later the lease has run out (nobody renews it): the next pass sends it.
    with time_machine.travel(at_geneva(FIRST_STEP, 12, 2), tick=False):
        assert planner.plan_pass(enqueue=False).requeued >= 1
        services.pending_deliver()
    row.refresh_from_db()
    assert (row.state, row.possible_duplicates) == (DeliveryState.SENT, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_lease_is_renewed_while_a_slow_mail_server_has_the_email(
    make_letter, people, settings,
):
    settings.BTECH_REMINDER_LEASE_SECONDS = 3  # renewed every second
    settings.EMAIL_BACKEND = "tests.reminders.backends.SlowSMTPBackend"
    backends.SlowSMTPBackend.seconds = 4.5
    backends.SlowSMTPBackend.overtaken = []
    from btech.office_time import office_today
    from tests.clock import clear_of_geneva_midnight

    clear_of_geneva_midnight()
    make_letter(office_today() - dt.timedelta(days=30), assignee=people.owner)
    planner.plan_pass(enqueue=False)
    row = Reminder.objects.filter(kind="before_due").order_by("pk").first()

    result = services.reminders_deliver(reminder_ids=[row.pk])

    assert result.sent == [row.pk]
    assert backends.SlowSMTPBackend.overtaken == [False]  # still ours after 4.5 s
