"""The demo publishes a letter with its public PDF and related letters."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from publication.models import PublicVersion, RelatedLetter, StateLetter

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_letter_with_public_pdfs_and_related_letters(
        frozen_today, settings, anonymous_client):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 3, 30))
    for _ in range(2):  # idempotent
        call_command("seed_demo", stdout=io.StringIO())
    version = PublicVersion.objects.get(response__isnull=True)
    assert version.approved_by.username == "ohchr"
    assert PublicVersion.objects.filter(response__isnull=False).count() == 1
    assert StateLetter.objects.count() == 1 and RelatedLetter.objects.count() == 4
    slug = version.communication.reference.replace(" ", "-").replace("/", "-")
    page = anonymous_client.get(f"/public/{slug}/").content.decode()
    assert "Account suspensions of journalists during elections" in page  # X, published
    assert "Removal of posts documenting protests" not in page  # Meta, confidential
    assert StateLetter.objects.get().reference in page
    assert anonymous_client.get(f"/public/{slug}/letter.pdf").status_code == 200
