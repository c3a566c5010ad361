"""New-letter notices through a real Celery worker that is killed mid-batch.

Letters are logged through the service, so their notices are queued to the embedded
Redis as each letter commits; the first worker stalls part-way and is SIGKILLed, a
second worker and the planner's re-queue pass finish the job: every lead and owner
gets each letter's notice exactly once.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess

import pytest

from btech.celery import app as celery_app
from btech.office_time import office_today
from engagements import services as engagement_services
from reminders import planner
from reminders.models import DeliveryState, Reminder
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.reminders.test_worker import _kill_group, _message_ids, _start_worker, _wait_for

pytestmark = [pytest.mark.worker,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LETTERS = 12  # a lead and an owner each: 24 notices


def test_new_letter_notices_survive_a_killed_worker_and_go_once(tmp_path, settings):
    clear_of_geneva_midnight()
    settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS = 0
    mail_dir, log_dir = tmp_path / "mail", tmp_path / "logs"
    mail_dir.mkdir()
    log_dir.mkdir()
    celery_app.control.purge()
    company = factories.CompanyFactory.create(name="Meta")
    factories.ContactFactory.create(company=company, email="lead@meta.example",
                                    role="hr_lead")
    owner = factories.ContactFactory.create(company=company, email="owner@meta.example")
    mandate = factories.MandateFactory.create()

    first = _start_worker("first", mail_dir, log_dir, block_at=LETTERS // 2)
    second = None
    try:
        today = office_today()
        for number in range(1, LETTERS + 1):
            engagement_services.communication_create(
                reference=f"AL OTH {number}/{today.year}", letter_type="AL",
                mandates=[mandate], company=company, sent_on=today - dt.timedelta(days=1),
                subject=f"Case {number}", assignee=owner)
        assert Reminder.objects.filter(kind="new_letter").count() == LETTERS * 2

        _wait_for(lambda: any(mail_dir.glob("blocked-*")), 60, "the first worker to stall")
        _kill_group(first)
        assert 0 < len(list(mail_dir.glob("*.eml"))) < LETTERS * 2

        second = _start_worker("second", mail_dir, log_dir)
        _wait_for(
            lambda: not Reminder.objects.exclude(state=DeliveryState.SENT).exists(),
            90, "every notice to be sent", every=1.0, tick=lambda: planner.plan_pass(),
        )
    finally:
        _kill_group(first)
        if second is not None:
            second.send_signal(signal.SIGTERM)
            try:
                second.wait(timeout=15)
            except subprocess.TimeoutExpired:
                _kill_group(second)
        if os.environ.get("SHOW_WORKER_LOGS"):
            for log in log_dir.glob("*.log"):
                print(log.read_text(errors="replace"))

    ids = _message_ids(mail_dir)
    assert set(ids) == {f"<reminder-{pk}@localhost>"
                        for pk in Reminder.objects.values_list("pk", flat=True)}
    assert [mid for mid, count in ids.items() if count > 1] == []
