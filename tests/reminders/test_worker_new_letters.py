"""New-letter notices through a real Celery worker whose pool process dies mid-send.

Letters are logged through the service, so their notices are queued to the embedded
Redis as each letter commits. The pool process stalls right after handing a notice to
the mail server and is SIGKILLed there; Celery hands the task to another process at
once. Every lead and owner gets each letter's notice, and only the notice in the crash
window may have gone twice, counted on its row.
"""

from __future__ import annotations

import datetime as dt
import os
import signal

import pytest

from btech.celery import app as celery_app
from btech.office_time import office_today
from engagements import services as engagement_services
from reminders.models import DeliveryState, Reminder
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.reminders.test_worker import (
    _message_ids,
    _stalled,
    _start_worker,
    _stop,
    _wait_for,
)

pytestmark = [pytest.mark.worker,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LETTERS = 12  # a lead and an owner each: 24 notices


def test_new_letter_notices_survive_a_killed_pool_process(tmp_path):
    clear_of_geneva_midnight()
    mail_dir, log_dir = tmp_path / "mail", tmp_path / "logs"
    mail_dir.mkdir()
    log_dir.mkdir()
    celery_app.control.purge()
    company = factories.CompanyFactory.create(name="Meta")
    factories.ContactFactory.create(company=company, email="lead@meta.example",
                                    role="hr_lead")
    owner = factories.ContactFactory.create(company=company, email="owner@meta.example")
    mandate = factories.MandateFactory.create()

    worker = _start_worker("worker", mail_dir, log_dir, stall_after=LETTERS // 2)
    try:
        today = office_today()
        for number in range(1, LETTERS + 1):
            engagement_services.communication_create(
                reference=f"AL OTH {number}/{today.year}", letter_type="AL",
                mandates=[mandate], company=company, sent_on=today - dt.timedelta(days=1),
                subject=f"Case {number}", assignee=owner)
        assert Reminder.objects.filter(kind="new_letter").count() == LETTERS * 2
        _wait_for(lambda: (mail_dir / "stalled").exists(), 60, "a pool process to stall")
        pid, message_id = _stalled(mail_dir)
        os.kill(pid, signal.SIGKILL)  # the notice is out, its row does not say so yet

        _wait_for(lambda: not Reminder.objects.exclude(state=DeliveryState.SENT).exists(),
                  40, "every notice to be sent", every=0.5)
    finally:
        _stop(worker, log_dir)

    ids = _message_ids(mail_dir)
    rows = {f"<reminder-{pk}@localhost>": duplicates for pk, duplicates in
            Reminder.objects.values_list("pk", "possible_duplicates")}
    assert set(ids) == set(rows)
    assert [mid for mid, count in ids.items() if count > 1] in ([], [message_id])
    assert {mid: n for mid, n in rows.items() if n} == {message_id: 1}
