"""Fixtures of other test packages, for the topic tests: the web tests' day, mandates
and holders (tests/web/conftest.py), and a planner pass with delivery
(tests/reminders/conftest.py)."""

import pytest
from django.utils import translation

from tests.reminders.conftest import run_pass
from tests.web.conftest import expression_mandate, privacy_mandate, today

__all__ = ["expression_mandate", "privacy_mandate", "run_pass", "today"]


@pytest.fixture(autouse=True)
def _in_english():
    # A request of an earlier test may leave another language active in this thread.
    with translation.override("en"):
        yield
