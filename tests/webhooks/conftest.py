"""Webhook fixtures: a real receiver on loopback, and endpoints registered through the
service. Company A is "Meta", company B "Google" (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver():
    started = Receiver().start()
    yield started
    started.stop()


@pytest.fixture
def other_receiver():
    started = Receiver().start()
    yield started
    started.stop()


@pytest.fixture(autouse=True)
def _loopback_allowed(settings):
    # The receivers listen on this machine: allowed here as in development; the SSRF
    # tests take it away.
    settings.BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK = True
    settings.BTECH_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    settings.BTECH_WEBHOOK_RETRY_BASE_SECONDS = 30
    settings.BTECH_WEBHOOK_MAX_ATTEMPTS = 4
