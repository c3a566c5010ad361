"""A letter to Meta that becomes public on PUBLIC_DAY, with a public reply, a withheld
reply, a note, an approved public version and related letters; a letter to Google made
public on PUBLIC_DAY by a press release; and Google's unpublished related letter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from engagements import services as letter_services
from engagements.models import Communication, Response
from publication import services
from tests import factories
from tests.factories import PDF_BYTES

PUBLIC_DAY = dt.date(2024, 6, 17)
DAY_BEFORE = PUBLIC_DAY - dt.timedelta(days=1)


def pdf(name="public.pdf"):
    return ContentFile(PDF_BYTES, name=name)


@dataclass
class Scene:
    letter: Communication  # Meta's, public on PUBLIC_DAY after its 60 days
    pressed: Communication  # Google's, public on PUBLIC_DAY by a press release
    hidden: Communication  # Google's related letter, public months later
    public_reply: Response
    withheld_reply: Response


@pytest.fixture
def scene(frozen_today, company_a, company_b, staff, lead_a,
          lead_b):
    frozen_today(DAY_BEFORE)
    privacy = factories.MandateFactory(title="Special Rapporteur on the right to privacy",
                                       short_name="SR privacy")
    letter = factories.CommunicationFactory(
        reference="AL OTH 74/2024", company=company_a,
        sent_on=PUBLIC_DAY - dt.timedelta(days=60), mandates=[privacy],
        subject="Facial recognition at borders", summary="Alleged use of face matching.")
    public_reply = factories.ResponseFactory(
        communication=letter, kind="interim", received_on=DAY_BEFORE - dt.timedelta(days=9),
        body="Our interim public answer.")
    withheld_reply = factories.ResponseFactory(
        communication=letter, kind="final", received_on=DAY_BEFORE - dt.timedelta(days=2),
        body="Secret final answer.")
    services.reply_withhold(response=withheld_reply, requested_on=DAY_BEFORE,
                            reason="Names an employee at risk.", recorded_by=staff)
    letter_services.note_add(communication=letter, kind="follow_up", noted_on=DAY_BEFORE,
                             body="Private call notes", author=staff)
    services.public_version_upload(communication=letter, document=pdf(), uploaded_by=staff,
                                   approve=True)
    pressed = factories.CommunicationFactory(
        reference="UA OTH 75/2024", letter_type="UA", company=company_b,
        sent_on=PUBLIC_DAY - dt.timedelta(days=20), press_release_on=PUBLIC_DAY,
        mandates=[privacy], subject="Press-released spyware case")
    hidden = factories.CommunicationFactory(
        reference="AL OTH 76/2024", company=company_b, sent_on=DAY_BEFORE - dt.timedelta(days=3),
        mandates=[privacy], subject="Unpublished related Google letter")
    services.related_letter_link(communication=letter, related=pressed, linked_by=staff)
    services.related_letter_link(communication=letter, related=hidden, linked_by=staff)
    services.state_letter_add(communication=letter, reference="AL USA 30/2024",
                              sent_on=dt.date(2024, 2, 1), added_by=staff)
    return Scene(letter=Communication.objects.get(pk=letter.pk),
                 pressed=pressed, hidden=hidden, public_reply=public_reply,
                 withheld_reply=withheld_reply)
