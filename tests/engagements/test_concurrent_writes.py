"""Two writes to one letter at the same moment, through two real PostgreSQL connections.

Each write starts from the letter as its page or API request loaded it, before the other
committed; the first holds its transaction open until the second is waiting at the
letter's row lock, then commits. Whichever comes first, the letter must end up with
both changes and a clock that agrees with them: the right due date, status and next
reminder.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from rest_framework.test import APIClient

from engagements import services
from engagements.deadlines import DeadlineStatus
from engagements.models import Communication
from tests import factories
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SENT = dt.date(2024, 1, 10)  # due 10 March
TODAY = dt.date(2024, 3, 20)  # ten days overdue
EXTENDED_TO = dt.date(2024, 4, 30)
REPLY_ON = dt.date(2024, 3, 15)  # late against 10 March, on time against 30 April


@pytest.fixture(autouse=True)
def _today():
    # Ticking: the threads' lock waits need time to pass.
    with time_machine.travel(at_geneva(TODAY, 12), tick=True):
        yield


def _someone_waits_for_a_lock() -> bool:
    # pg_locks is read live; pg_stat_activity would stay as it was when this
    # transaction first looked.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return bool(cursor.fetchone()[0])


def interleave(first: Callable[[], Any], second: Callable[[], Any]) -> list[Any]:
    """Run `first`, keep its transaction open until `second` (in another connection)
    waits for a lock, commit `first`, and let `second` finish. Returns what each returned
    or raised."""
    outcomes: list[Any] = [None, None]
    first_done = threading.Event()

    def run_first() -> None:
        try:
            with transaction.atomic():
                outcomes[0] = first()
                first_done.set()
                deadline = time.monotonic() + 10
                while not _someone_waits_for_a_lock():
                    assert time.monotonic() < deadline, "the second write never waited"
                    time.sleep(0.02)
        except BaseException as error:
            outcomes[0] = error
            first_done.set()
        finally:
            connection.close()

    def run_second() -> None:
        first_done.wait(10)
        try:
            outcomes[1] = second()
        except BaseException as error:
            outcomes[1] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive(), "a write did not finish in 30 s"
    assert not isinstance(outcomes[0], BaseException), outcomes[0]
    return outcomes


@pytest.fixture
def letter():
    return factories.CommunicationFactory(sent_on=SENT, reference="AL OTH 5/2024")


@pytest.fixture
def owner(letter):
    return factories.ContactFactory(company=letter.company, email="owner@meta.example")


def _extend(stale: Communication, staff) -> Callable[[], Any]:
    return lambda: services.deadline_extend(communication=stale, extended_to=EXTENDED_TO,
                                            reason="Consulting users", granted_by=staff)


def _final_reply(stale: Communication) -> Callable[[], Any]:
    return lambda: services.response_log(communication=stale, kind="final",
                                         received_on=REPLY_ON, body="Our answer",
                                         logged_by=None)


def test_a_reply_logged_while_an_extension_commits_keeps_the_new_due_date(letter, staff):
    stale = Communication.objects.get(pk=letter.pk)  # as the reply page loaded it

    interleave(_extend(Communication.objects.get(pk=letter.pk), staff), _final_reply(stale))

    letter.refresh_from_db()
    assert letter.due_on == EXTENDED_TO
    assert letter.final_reply_on == REPLY_ON
    assert letter.deadline_status() == DeadlineStatus.REPLIED_ON_TIME
    assert letter.next_reminder_on is None  # answered: no more reminders


def test_an_extension_after_a_reply_committed_is_refused_and_the_reply_stands(letter, staff):
    stale = Communication.objects.get(pk=letter.pk)  # as the extension page loaded it

    _, refused = interleave(_final_reply(Communication.objects.get(pk=letter.pk)),
                            _extend(stale, staff))

    assert isinstance(refused, ValidationError)
    assert "final reply has been logged" in str(refused)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2024, 3, 10)
    assert letter.extended_to is None
    assert letter.deadline_status() == DeadlineStatus.REPLIED_LATE
    assert letter.next_reminder_on is None


@pytest.mark.parametrize("assignment_first", [True, False], ids=["assign-first",
                                                                 "extend-first"])
def test_an_assignment_and_an_extension_at_once_both_hold(letter, owner, staff,
                                                          assignment_first):
    Communication.objects.filter(pk=letter.pk).update(next_reminder_on=dt.date(2024, 3, 24))
    assign = Communication.objects.get(pk=letter.pk)
    extend = Communication.objects.get(pk=letter.pk)

    def assigning() -> Any:
        return services.communication_assign(communication=assign, assignee=owner,
                                             assigned_by=staff)

    steps = [assigning, _extend(extend, staff)]
    interleave(*(steps if assignment_first else reversed(steps)))

    letter.refresh_from_db()
    assert letter.assignee == owner
    assert letter.due_on == EXTENDED_TO
    assert letter.deadline_status() == DeadlineStatus.OPEN
    # The moved due date makes the planner look again today, not at the next overdue step.
    assert letter.next_reminder_on == TODAY


def test_two_final_replies_at_once_one_is_logged_the_other_is_a_400(letter, staff):
    def post() -> Any:
        client = APIClient()
        client.force_authenticate(staff)
        return client.post(f"/api/v1/communications/{letter.pk}/responses/",
                           {"kind": "final", "received_on": REPLY_ON.isoformat(),
                            "body": "Our answer"}, format="json")

    first, second = interleave(post, post)

    assert first.status_code == 201
    assert second.status_code == 400
    assert second.json() == {"kind": ["This letter already has a final reply."]}
    letter.refresh_from_db()
    assert letter.responses.count() == 1
    assert letter.final_reply_on == REPLY_ON
