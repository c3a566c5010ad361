"""PostgreSQL unreachable or frozen: a clear 503, never a traceback or a hung request,
and the site recovers by itself once the database answers again.

The test points Django's connection at a "server" that accepts connections and never
answers (a frozen PostgreSQL), then back at the real one; and holds a lock on the
letters table from a second connection, so a query waits until the statement timeout.
"""

from __future__ import annotations

import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextmanager
def connection_options(**options: object) -> Iterator[None]:
    """Django's connection reopened with these OPTIONS (host, connect_timeout...)."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["OPTIONS"] = {**saved["OPTIONS"], **options}
    if "host" in options:
        connection.settings_dict["HOST"] = ""
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def frozen_server() -> Iterator[Path]:
    """A folder with a PostgreSQL socket whose server never answers."""
    with tempfile.TemporaryDirectory(prefix="btech-pg-") as folder:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            listener.bind(str(Path(folder) / ".s.PGSQL.5432"))
            listener.listen(64)  # connections wait in the backlog, unanswered
            yield Path(folder)


def test_a_frozen_database_gets_a_clear_503_and_the_site_recovers_by_itself(
    frozen_server, settings,
):
    settings.DEBUG = True  # as under `make run`: still no traceback page
    staff = factories.StaffUserFactory(username="ohchr-staff")
    web = Client(raise_request_exception=False)
    web.force_login(staff)
    api = token_client(staff)
    assert web.get(reverse("letter-list")).status_code == 200

    with connection_options(host=str(frozen_server), connect_timeout=2):
        started = time.monotonic()
        page = web.get(reverse("letter-list"))
        assert time.monotonic() - started < 10  # the connect timeout, not a hang
        assert page.status_code == 503
        assert page["Retry-After"] == "30"
        assert "Unavailable for a moment" in page.content.decode()
        assert "Traceback" not in page.content.decode()
        assert "Content-Security-Policy" in page

        answer = api.get("/api/v1/deadlines/")
        assert answer.status_code == 503
        assert answer.json() == {
            "detail": "The database cannot be reached just now; try again in a minute."}
        health = Client().get("/health/reminders/")
        assert health.status_code == 503
        assert "detail" in health.json()
        # A write fails before its view runs (the history middleware asks who is
        # signed in): the same page.
        form = web.post(reverse("reply-log", args=[1]), {"kind": "interim"})
        assert form.status_code == 503
        assert "Unavailable for a moment" in form.content.decode()

    assert web.get(reverse("letter-list")).status_code == 200  # back, with nothing done
    assert api.get("/api/v1/deadlines/").status_code == 200


def test_a_query_stuck_behind_a_lock_is_cancelled_by_the_statement_timeout(settings):
    staff = factories.StaffUserFactory(username="ohchr-staff")
    factories.CommunicationFactory(mandates=[factories.MandateFactory()])
    web = Client(raise_request_exception=False)
    web.force_login(staff)
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"  # DATABASE_STATEMENT_TIMEOUT's default

    db = connection.settings_dict
    with psycopg.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None,
                         host=db["HOST"] or db["OPTIONS"].get("host"),
                         port=db["PORT"] or None) as holder, \
            connection_options(options="-c statement_timeout=1000"):
        holder.execute("LOCK TABLE engagements_communication IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        page = web.get(reverse("letter-list"))
        assert time.monotonic() - started < 5
        assert page.status_code == 503
        holder.rollback()

    assert web.get(reverse("letter-list")).status_code == 200
