"""A confidential dialogue company A (Meta, then called Facebook) took part in, a public
one nobody's company took part in, and follow-up actions from each and from letters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companies.models import Contact
from tests import factories

TODAY = dt.date(2024, 6, 10)
GENEVA = ZoneInfo("Europe/Zurich")


@dataclass
class Scene:
    confidential: Any
    public: Any
    question: Any
    action: Any  # from the confidential dialogue, owned by lead A's contact
    staff_action: Any  # from the confidential dialogue, owned by OHCHR staff
    letter_b: Any
    reply_b: Any
    letter_action_b: Any  # from B's letter, owned by B's lead
    contact_a: Any
    contact_b: Any


@pytest.fixture
def today(frozen_today):
    return frozen_today(TODAY)


@pytest.fixture
def scene(today, company_a, company_b, lead_a, lead_b, staff) -> Scene:
    factories.FormerNameFactory(company=company_a, name="Facebook",
                                renamed_on=dt.date(2021, 10, 28))
    third = factories.CompanyFactory(name="Microsoft")
    mandate = factories.MandateFactory(title="Special Rapporteur on human rights defenders",
                                       short_name="SR human rights defenders")
    factories.MandateHolderFactory(mandate=mandate, name="Mary Lawlor",
                                   term_start=dt.date(2020, 5, 1), term_end=dt.date(2026, 4, 30))
    contact_a = Contact.objects.get(user=lead_a)
    contact_b = Contact.objects.get(user=lead_b)
    confidential = factories.DialogueFactory(
        title="B-Tech dialogue with mandate holders",
        starts_at=dt.datetime(2021, 5, 12, 15, 0, tzinfo=GENEVA),
        companies=[company_a, third], mandates=[mandate], representatives=[contact_a],
        summary="Confidential minutes: Facebook said it would share its escalation line.")
    public = factories.DialogueFactory(
        title="Public multi-stakeholder dialogue", confidentiality="public",
        starts_at=dt.datetime(2021, 11, 10, 13, 0, tzinfo=GENEVA), companies=[third],
        summary="Minutes never shown to the public.",
        public_summary="The public summary of the ISHR dialogue.")
    question = factories.QuestionFactory(
        dialogue=confidential, asked_by_kind="mandate", asked_by_mandate=mandate,
        text="How are companies engaging with human rights defenders?",
        addressed_to_company=company_a)
    action = factories.FollowUpActionFactory(
        dialogue=confidential, owner_contact=contact_a, description="Share the escalation "
        "line for defenders under attack", due_on=TODAY + dt.timedelta(days=5))
    staff_action = factories.FollowUpActionFactory(
        dialogue=confidential, owner_kind="staff", owner_user=staff,
        description="Send participants a survey", due_on=TODAY + dt.timedelta(days=40))
    letter_b = factories.CommunicationFactory(company=company_b,
                                              sent_on=TODAY - dt.timedelta(days=30))
    reply_b = factories.ResponseFactory(communication=letter_b, kind="interim",
                                        received_on=TODAY - dt.timedelta(days=3))
    letter_action_b = factories.FollowUpActionFactory(
        response=reply_b, owner_contact=contact_b, description="Publish the audit summary",
        due_on=TODAY - dt.timedelta(days=2))
    return Scene(confidential, public, question, action, staff_action, letter_b, reply_b,
                 letter_action_b, contact_a, contact_b)
