"""Personas and shared fixtures.

The personas: OHCHR staff, the human-rights lead of company A ("Meta"), the lead of
company B ("Google"), and an anonymous visitor. Confidentiality tests use A and B.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from btech import translations
from tests import factories


def pytest_configure(config: pytest.Config) -> None:
    """The French and Spanish tests read the compiled catalogues in locale/, which
    `make test` builds from the .po files (btech/translations.py). Run without it, a
    stale or missing .mo would fail those tests in a way that hides why: say so here."""
    stale = [str(po) for po in translations.catalogues() if translations.is_stale(po)]
    if stale:
        raise pytest.UsageError(
            f"compiled translations missing or older than {', '.join(stale)}: run the "
            "tests with `make test`, or `python -m btech.translations compile` first")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Among the tests that commit (pytest-django has put them after the others), run
    those with serialized rollback first.

    A test that commits empties every table when it ends. After one without serialized
    rollback, Django's post_migrate recreates the content types under new ids, and a
    later test with serialized rollback then fails to load its own (a duplicate key).
    After one with it, the tables stay empty and the next serialized test loads them
    again, so putting these first keeps every order working: in one process, and in each
    process of `make test` (--dist load hands each its tests in this order)."""
    def commits(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        names = getattr(item, "fixturenames", ())
        return bool((marker is not None and (marker.kwargs.get("transaction")
                                              or marker.kwargs.get("reset_sequences")))
                    or "transactional_db" in names or "live_server" in names)

    def serialized(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool((marker is not None and marker.kwargs.get("serialized_rollback"))
                    or "django_db_serialized_rollback" in getattr(item, "fixturenames", ()))

    first = [i for i, item in enumerate(items) if commits(item)]
    if first:
        block = [items[i] for i in first]
        block.sort(key=lambda item: not serialized(item))  # stable: file order kept
        for i, item in zip(first, block, strict=True):
            items[i] = item


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def frozen_today():
    """Freeze time at noon in Geneva on a given date: ``frozen_today(date(2024, 3, 1))``."""
    travellers = []

    def freeze(day: dt.date, hour: int = 12) -> dt.date:
        from zoneinfo import ZoneInfo

        moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Europe/Zurich"))
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)
        return day

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def legacy_letters(db):
    """Lets this test write letters with the implausible dates of rows from before the
    date checks (engagements migration 0004 added them NOT VALID, so such rows may still
    exist). The checks are dropped inside the test's transaction, which rolls back."""
    from django.db import connection

    assert connection.in_atomic_block, "only inside a test that rolls back"
    with connection.cursor() as cursor:
        # ALTER TABLE waits for no deferred foreign-key check: run those now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE engagements_communication "
                       "DROP CONSTRAINT IF EXISTS comm_sent_on_plausible, "
                       "DROP CONSTRAINT IF EXISTS comm_extension_within_horizon")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def company_a(db):
    return factories.CompanyFactory(name="Meta")


@pytest.fixture
def company_b(db):
    return factories.CompanyFactory(name="Google")


@pytest.fixture
def staff(db):
    return factories.StaffUserFactory(username="ohchr-staff")


@pytest.fixture
def lead_a(company_a):
    user = factories.UserFactory(username="lead-a", company=company_a)
    factories.ContactFactory(company=company_a, user=user, name="Lead A",
                             email="lead-a@meta.example", role="hr_lead")
    return user


@pytest.fixture
def lead_b(company_b):
    user = factories.UserFactory(username="lead-b", company=company_b)
    factories.ContactFactory(company=company_b, user=user, name="Lead B",
                             email="lead-b@google.example", role="hr_lead")
    return user


def _client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)


@pytest.fixture
def lead_a_client(lead_a):
    return _client_for(lead_a)


@pytest.fixture
def lead_b_client(lead_b):
    return _client_for(lead_b)


@pytest.fixture
def anonymous_client():
    return Client()
