"""The demo's calls for input: realistic calls by tech-relevant mandates, dated from the
day the demo is loaded, loaded once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from calls.models import CallForInput, CallParticipation, CallStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_open_and_closed_calls_with_an_intent_and_a_submission(frozen_today,
                                                                             settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    today = frozen_today(dt.date(2026, 3, 30))
    call_command("seed_demo", stdout=io.StringIO())
    calls = list(CallForInput.objects.prefetch_related("mandates"))
    assert len(calls) == 4
    assert sum(call.status(today) == CallStatus.OPEN for call in calls) == 3
    intent = CallParticipation.objects.get(company__name="Meta")
    assert intent.intends_to_submit and intent.submitted_on is None
    assert intent.call.is_open(today)
    submitted = CallParticipation.objects.get(company__name="Google")
    assert submitted.submitted_on is not None and not submitted.is_late
    assert not submitted.call.is_open(today)
    assert {m.short_name for call in calls for m in call.mandates.all()} >= {
        "SR freedom of expression", "SR privacy", "WG business and human rights"}
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "0 new call(s)" in out.getvalue()
    assert CallForInput.objects.count() == 4
