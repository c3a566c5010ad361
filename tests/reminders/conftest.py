"""Fixtures for the reminders: a letter to Meta with its people, and a clock to walk it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from btech.office_time import office_today
from companies.models import ContactRole
from engagements import services as engagement_services
from reminders import planner, services
from tests import factories

GENEVA = ZoneInfo("Europe/Zurich")


@dataclass
class Sent:
    day: dt.date
    subject: str
    to: str


def at_geneva(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=GENEVA)


@pytest.fixture
def run_pass() -> Callable[..., list[Sent]]:
    """One planner pass and delivery of what it planned, at a Geneva date and hour.

    Returns the emails that went out. Tasks are not queued (``enqueue=False``): the
    same services the Celery tasks call run here, in this process.
    """

    def run(day: dt.date, hour: int = 12, minute: int = 0) -> list[Sent]:
        with time_machine.travel(at_geneva(day, hour, minute), tick=False):
            start = len(mail.outbox)
            planner.plan_pass(enqueue=False)
            services.pending_deliver()
            return [Sent(day, str(m.subject), parseaddr(m.to[0])[1])
                    for m in mail.outbox[start:]]

    return run


@pytest.fixture
def in_geneva() -> Callable[..., object]:
    """A context manager: ``with in_geneva(day): ...`` runs the block on that date."""

    def travel(day: dt.date, hour: int = 12) -> object:
        return time_machine.travel(at_geneva(day, hour), tick=False)

    return travel


@dataclass
class People:
    owner: object
    lead: object
    executive: object
    other_owner: object


@pytest.fixture
def people(company_a) -> People:
    return People(
        owner=factories.ContactFactory(company=company_a, name="Olga Owner",
                                       email="owner@meta.example",
                                       role=ContactRole.ISSUE_OWNER),
        lead=factories.ContactFactory(company=company_a, name="Lena Lead",
                                      email="lead@meta.example",
                                      role=ContactRole.HUMAN_RIGHTS_LEAD),
        executive=factories.ContactFactory(company=company_a, name="Erik Executive",
                                           email="ceo@meta.example",
                                           role=ContactRole.SENIOR_EXECUTIVE),
        other_owner=factories.ContactFactory(company=company_a, name="Nina New",
                                             email="new-owner@meta.example",
                                             role=ContactRole.ISSUE_OWNER),
    )


@pytest.fixture
def make_letter(company_a, in_geneva):
    """A letter logged through the service on the day it was sent, as in real use."""
    counter = iter(range(1, 10_000))

    def make(sent_on: dt.date, *, assignee=None, company=None, logged_on=None,
             acknowledged: bool = True):
        """Logged on `logged_on` (default: the day it was sent), and acknowledged by the
        company's lead the same day unless `acknowledged=False`: most tests follow the
        reply deadline, not the chase for receipt."""
        company = company or company_a
        with in_geneva(logged_on or sent_on):
            letter = engagement_services.communication_create(
                reference=f"AL OTH {next(counter)}/{sent_on.year}", letter_type="AL",
                mandates=[factories.MandateFactory.create(
                    title="Special Rapporteur on freedom of opinion and expression",
                    short_name="SR FoE")],
                company=company, sent_on=sent_on,
                subject="Content restrictions and arrests of users", assignee=assignee,
            )
            if acknowledged:
                reader = factories.UserFactory.create(
                    username=f"reader-{company.pk}", company=company)
                letter = engagement_services.communication_acknowledge(
                    communication=letter, acknowledged_by=reader)
            return letter

    return make


@pytest.fixture
def make_letters_due_today():
    """``make_letters_due_today(n)``: n letters to Meta whose 30-day step falls today,
    each with an issue owner and a human-rights lead to remind."""

    def make(count: int) -> list:
        company = factories.CompanyFactory(name="Meta")
        factories.ContactFactory(company=company, email="lead@meta.example",
                                 role=ContactRole.HUMAN_RIGHTS_LEAD)
        owner = factories.ContactFactory(company=company, email="owner@meta.example",
                                         role=ContactRole.ISSUE_OWNER)
        mandate = factories.MandateFactory()
        sent_on = office_today() - dt.timedelta(days=30)  # due in 30 days: that step is today
        return [factories.CommunicationFactory(company=company, assignee=owner,
                                               sent_on=sent_on, mandates=[mandate])
                for _ in range(count)]

    return make
