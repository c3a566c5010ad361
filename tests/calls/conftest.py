"""Calls for input on a fixed today: an open call with Meta (company A) intending to
submit and having submitted a PDF, and a closed call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from tests import factories
from tests.api.conftest import token_client
from tests.factories import PDF_BYTES

TODAY = dt.date(2024, 6, 10)


@pytest.fixture
def today(frozen_today):
    return frozen_today(TODAY)


@pytest.fixture
def expression(db):
    return factories.MandateFactory(
        title="Special Rapporteur on freedom of opinion and expression",
        short_name="SR freedom of expression")


@pytest.fixture
def open_call(today, expression):
    return factories.CallFactory(
        title="Freedom of expression and elections in the digital age",
        mandates=[expression], opened_on=TODAY - dt.timedelta(days=20),
        deadline=TODAY + dt.timedelta(days=21))


@pytest.fixture
def closed_call(today, expression):
    return factories.CallFactory(
        title="Artificial intelligence and the right to privacy",
        mandates=[expression], opened_on=TODAY - dt.timedelta(days=90),
        deadline=TODAY - dt.timedelta(days=30))


@pytest.fixture
def participation_a(open_call, company_a, lead_a):
    """Meta intends to submit to the open call and has recorded its submission."""
    return factories.ParticipationFactory(
        call=open_call, company=company_a, intent_by=lead_a, submitted_on=TODAY,
        submission=ContentFile(PDF_BYTES, name="meta-input.pdf"), may_publish=True)


@pytest.fixture
def staff_api(staff):
    return token_client(staff)


@pytest.fixture
def lead_a_api(lead_a):
    return token_client(lead_a)


@pytest.fixture
def lead_b_api(lead_b):
    return token_client(lead_b)


@pytest.fixture
def anonymous_api():
    return token_client(None)
