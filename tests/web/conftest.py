"""Letters for the web-page tests: one of company A's, one of company B's, and a
published one of B's, on a fixed "today"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from tests import factories
from tests.factories import PDF_BYTES

TODAY = dt.date(2024, 6, 10)


def pdf_file(name: str = "letter.pdf") -> ContentFile:
    return ContentFile(PDF_BYTES, name=name)


@pytest.fixture
def today(frozen_today):
    return frozen_today(TODAY)


@pytest.fixture
def privacy_mandate(db):
    mandate = factories.MandateFactory(
        title="Special Rapporteur on the right to privacy", short_name="SR privacy",
        covers="The right to privacy, including online and in data protection.")
    factories.MandateHolderFactory(mandate=mandate, name="Ana Brian Nougrères",
                                   term_start=dt.date(2021, 8, 1), term_end=dt.date(2024, 7, 31))
    factories.MandateHolderFactory(mandate=mandate, name="Joseph Cannataci",
                                   term_start=dt.date(2015, 8, 1), term_end=dt.date(2018, 7, 31))
    return mandate


@pytest.fixture
def expression_mandate(db):
    mandate = factories.MandateFactory(
        title="Special Rapporteur on freedom of opinion and expression",
        short_name="SR expression", covers="Freedom of opinion and expression.")
    factories.MandateHolderFactory(mandate=mandate, name="Irene Khan",
                                   term_start=dt.date(2023, 8, 1), term_end=dt.date(2026, 7, 31))
    return mandate


@pytest.fixture
def letter_a(today, company_a, privacy_mandate, expression_mandate):
    """Company A's confidential letter, due in 6 days, joint, with a PDF."""
    return factories.CommunicationFactory(
        reference="AL OTH 11/2024", company=company_a, sent_on=dt.date(2024, 4, 17),
        subject="Content moderation of protest videos",
        mandates=[privacy_mandate, expression_mandate], letter=pdf_file(),
    )


@pytest.fixture
def letter_b(today, company_b, privacy_mandate):
    """Company B's confidential letter, due in 20 days (not yet public)."""
    return factories.CommunicationFactory(
        reference="UA OTH 12/2024", letter_type="UA", company=company_b,
        sent_on=dt.date(2024, 5, 1), subject="Secret Google matter",
        mandates=[privacy_mandate], letter=pdf_file(),
    )


@pytest.fixture
def published_b(today, company_b, expression_mandate):
    """Company B's letter, public since March, with a final reply on time."""
    letter = factories.CommunicationFactory(
        reference="OL OTH 3/2024", letter_type="OL", company=company_b,
        sent_on=dt.date(2024, 1, 5), subject="Published policy letter",
        mandates=[expression_mandate],
    )
    factories.ResponseFactory(communication=letter, received_on=dt.date(2024, 2, 20),
                              body="Our published reply.")
    return letter
