"""Who receives a reminder: the same rule for the planner and for the check before sending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from companies.models import Contact, ContactRole
from reminders.models import RecipientReason, StepKind


@dataclass(frozen=True)
class Person:
    contact_id: int
    name: str
    email: str
    role: str
    paused_until: dt.date | None

    @classmethod
    def of(cls, contact: Contact) -> Person:
        return cls(contact.pk, contact.name, contact.email, contact.role,
                   contact.reminders_paused_until)

    @property
    def address(self) -> str:
        # The outbox identity: case differences must not make a second "recipient".
        return self.email.strip().lower()

    def paused_on(self, day: dt.date) -> bool:
        return self.paused_until is not None and day <= self.paused_until


PERSON_FIELDS = ("pk", "name", "email", "role", "reminders_paused_until")


def recipients(
    *, kind: StepKind, assignee: Person | None, company_contacts: Iterable[Person],
    today: dt.date,
) -> list[tuple[Person, RecipientReason]]:
    """The issue owner and the human-rights leads; from the first overdue step (or when
    receipt has gone unacknowledged for twice the allowed time) also the senior
    executives. A paused contact gets no routine reminder, but escalations are not
    optional: a senior executive is always told. A new letter goes to its owner and the
    company's leads, paused or not; an "assigned to you" notice to the new owner."""
    chosen: dict[str, tuple[Person, RecipientReason]] = {}

    def add(person: Person, reason: RecipientReason, *, pausable: bool) -> None:
        if not person.address or person.address in chosen:
            return
        if pausable and person.paused_on(today):
            return
        chosen[person.address] = (person, reason)

    contacts = list(company_contacts)
    if kind == StepKind.ASSIGNED:
        if assignee is not None:
            add(assignee, RecipientReason.ISSUE_OWNER, pausable=False)
        return list(chosen.values())
    if kind == StepKind.NEW_LETTER:
        # News of a letter is not a routine reminder: a pause does not hold it back.
        if assignee is not None:
            add(assignee, RecipientReason.ISSUE_OWNER, pausable=False)
        for person in contacts:
            if person.role == ContactRole.HUMAN_RIGHTS_LEAD:
                add(person, RecipientReason.HUMAN_RIGHTS_LEAD, pausable=False)
        return list(chosen.values())
    if kind in (StepKind.OVERDUE, StepKind.ACKNOWLEDGEMENT_ESCALATION):
        for person in contacts:
            if person.role == ContactRole.SENIOR_EXECUTIVE:
                add(person, RecipientReason.ESCALATION, pausable=False)
    if assignee is not None:
        add(assignee, RecipientReason.ISSUE_OWNER, pausable=True)
    for person in contacts:
        if person.role == ContactRole.HUMAN_RIGHTS_LEAD:
            add(person, RecipientReason.HUMAN_RIGHTS_LEAD, pausable=True)
    return list(chosen.values())


def call_recipients(*, company_contacts: Iterable[Person], today: dt.date
                    ) -> list[tuple[Person, RecipientReason]]:
    """Who is reminded of a call's deadline for a company that intends to submit: its
    human-rights leads, unless paused (a routine reminder, nothing is escalated)."""
    chosen: dict[str, tuple[Person, RecipientReason]] = {}
    for person in company_contacts:
        if (person.role == ContactRole.HUMAN_RIGHTS_LEAD and person.address
                and not person.paused_on(today) and person.address not in chosen):
            chosen[person.address] = (person, RecipientReason.HUMAN_RIGHTS_LEAD)
    return list(chosen.values())
