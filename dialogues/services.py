"""Writes to dialogues, their questions and documents, and to follow-up actions.

The API, the web pages, the admin and the demo loader all call these. As in
engagements/services.py, each service that changes a row takes it with
``SELECT ... FOR UPDATE`` and works on that fresh copy, validates the whole row with
``full_clean()`` and saves it; a ValidationError names the field at fault and nothing
is saved (each service is one transaction).

Visibility is the caller's first step: a caller passes only a dialogue, letter, reply
or action it found through ``visible_to(user)``, so out of sight is a 404 before any of
these run. The policy (engagements.policy) is the caller's second step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext

from btech.office_time import office_today
from companies.models import Company, Contact
from dialogues.models import (
    CLOSED_STATUSES,
    ActionStatus,
    AskerKind,
    Confidentiality,
    Dialogue,
    DialogueCompany,
    DialogueDocument,
    FollowUpAction,
    OrganiserKind,
    OwnerKind,
    Question,
)
from dialogues.reminders import next_reminder_on
from webhooks.services import object_event

if TYPE_CHECKING:
    from accounts.models import User
    from engagements.models import Communication, Response
    from mandates.models import Mandate
    from topics.models import Topic


# --- dialogues ------------------------------------------------------------------------

def _locked_dialogue(dialogue: Dialogue | int) -> Dialogue:
    pk = dialogue if isinstance(dialogue, int) else dialogue.pk
    return Dialogue.objects.select_for_update().get(pk=pk)


def _check_companies(companies: list[object]) -> list[Company]:
    """Each participant must be a company of the directory: a clear error otherwise."""
    if any(not isinstance(company, Company) or company.pk is None for company in companies):
        raise ValidationError({"companies": gettext(
            "Each participant company must be a company in the directory.")})
    return [company for company in companies if isinstance(company, Company)]


def _check_representatives(representatives: list[Contact], companies: list[Company]) -> None:
    ids = {company.pk for company in companies}
    if any(contact.company_id not in ids for contact in representatives):
        raise ValidationError({"representatives": gettext(
            "Each representative must work for a company taking part.")})


def _set_participants(dialogue: Dialogue, companies: list[Company],
                      representatives: list[Contact]) -> None:
    """The participating companies, each with the name it went by that day; those no
    longer taking part are removed (and lose sight of the dialogue)."""
    day = dialogue.held_on
    wanted = {company.pk: company for company in companies}
    dialogue.participations.exclude(company_id__in=wanted).delete()
    have = set(dialogue.participations.values_list("company_id", flat=True))
    for company in companies:
        if company.pk not in have:
            DialogueCompany.objects.create(dialogue=dialogue, company=company,
                                           name_then=company.name_on(day))
    dialogue.representatives.set(representatives)


class DialogueFields(TypedDict, total=False):
    """What dialogue_update may change; a key left out is left as it is."""

    title: str
    starts_at: dt.datetime
    format: str
    organiser_kind: str
    organiser_mandate: Mandate | None
    organiser_company: Company | None
    organiser_name: str
    other_participants: str
    confidentiality: str
    agenda: str
    summary: str
    public_summary: str


_DIALOGUE_FIELDS = frozenset(DialogueFields.__annotations__)


@transaction.atomic
def dialogue_create(
    *,
    title: str,
    starts_at: dt.datetime,
    format: str,  # noqa: A002  (the model's field name)
    organiser_kind: str = OrganiserKind.OHCHR,
    organiser_mandate: Mandate | None = None,
    organiser_company: Company | None = None,
    organiser_name: str = "",
    mandates: Iterable[Mandate] = (),
    companies: Iterable[Company] = (),
    representatives: Iterable[Contact] = (),
    other_participants: str = "",
    confidentiality: str = Confidentiality.CONFIDENTIAL,
    agenda: str = "",
    summary: str = "",
    public_summary: str = "",
    letters: Iterable[Communication] = (),
    topics: Iterable[Topic] = (),
    created_by: User | None = None,
) -> Dialogue:
    """Record a dialogue with its participants. Staff only (the caller asks the policy)."""
    company_list = _check_companies(list(companies))
    contact_list = list(representatives)
    _check_representatives(contact_list, company_list)
    dialogue = Dialogue(
        title=title, starts_at=starts_at, format=format, organiser_kind=organiser_kind,
        organiser_mandate=organiser_mandate, organiser_company=organiser_company,
        organiser_name=organiser_name, other_participants=other_participants,
        confidentiality=confidentiality, agenda=agenda, summary=summary,
        public_summary=public_summary, created_by=created_by,
    )
    dialogue.full_clean()
    dialogue.save()
    dialogue.mandates.set(list(mandates))
    dialogue.letters.set(list(letters))
    dialogue.topics.set(list(topics))
    _set_participants(dialogue, company_list, contact_list)
    object_event("dialogue.created", dialogue.pk)
    return dialogue


@transaction.atomic
def dialogue_update(
    *,
    dialogue: Dialogue,
    mandates: Iterable[Mandate] | None = None,
    companies: Iterable[Company] | None = None,
    representatives: Iterable[Contact] | None = None,
    letters: Iterable[Communication] | None = None,
    topics: Iterable[Topic] | None = None,
    **changes: Unpack[DialogueFields],
) -> Dialogue:
    """Change a dialogue's fields and, when given, its participants and links."""
    unknown = set(changes) - _DIALOGUE_FIELDS
    if unknown:
        raise TypeError(f"dialogue_update() does not change {sorted(unknown)}")
    current = _locked_dialogue(dialogue)
    for name, value in changes.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    if companies is not None or representatives is not None:
        company_list = (_check_companies(list(companies)) if companies is not None
                        else list(current.companies.all()))
        contact_list = (list(representatives) if representatives is not None
                        else list(current.representatives.all()))
        _check_representatives(contact_list, company_list)
        _set_participants(current, company_list, contact_list)
    if mandates is not None:
        current.mandates.set(list(mandates))
    if letters is not None:
        current.letters.set(list(letters))
    if topics is not None:
        current.topics.set(list(topics))
    return current


@transaction.atomic
def dialogue_delete(*, dialogue: Dialogue) -> None:
    _locked_dialogue(dialogue).delete()


@transaction.atomic
def document_add(*, dialogue: Dialogue, title: str, file: File[bytes],
                 uploaded_by: User | None = None) -> DialogueDocument:
    """Attach a PDF (checked as every upload is: engagements.validators.validate_pdf)."""
    current = _locked_dialogue(dialogue)
    document = DialogueDocument(dialogue=current, title=title, file=file,
                                uploaded_by=uploaded_by)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: DialogueDocument) -> None:
    DialogueDocument.objects.select_for_update().get(pk=document.pk).delete()


# --- questions ------------------------------------------------------------------------

@transaction.atomic
def question_add(
    *,
    dialogue: Dialogue,
    text: str,
    asked_by_kind: str,
    asked_by_mandate: Mandate | None = None,
    asked_by_company: Company | None = None,
    asked_by_name: str = "",
    addressed_to: str = "",
    addressed_to_company: Company | None = None,
    topic: Topic | None = None,
    answer: str = "",
    answered_on: dt.date | None = None,
    answered_by: User | None = None,
) -> Question:
    """Record a question raised in `dialogue` (and its answer, if one was given there)."""
    current = _locked_dialogue(dialogue)  # the dialogue as it is now, not deleted
    question = Question(
        dialogue=current, text=text, asked_by_kind=asked_by_kind,
        asked_by_mandate=asked_by_mandate if asked_by_kind == AskerKind.MANDATE else None,
        asked_by_company=asked_by_company if asked_by_kind == AskerKind.COMPANY else None,
        asked_by_name=asked_by_name, addressed_to=addressed_to,
        addressed_to_company=addressed_to_company, topic=topic, answer=answer,
        answered_on=answered_on, answered_by=answered_by if answer.strip() else None,
    )
    _check_question_companies(question, current)
    question.full_clean()
    question.save()
    return question


def _check_question_companies(question: Question, dialogue: Dialogue) -> None:
    taking_part = set(dialogue.participations.values_list("company_id", flat=True))
    if question.asked_by_company_id and question.asked_by_company_id not in taking_part:
        raise ValidationError({"asked_by_company": gettext(
            "The company that asked must have taken part in the dialogue.")})
    if question.addressed_to_company_id and question.addressed_to_company_id not in taking_part:
        raise ValidationError({"addressed_to_company": gettext(
            "The company addressed must have taken part in the dialogue.")})


@transaction.atomic
def question_answer(*, question: Question, answer: str, answered_on: dt.date | None = None,
                    answered_by: User | None = None) -> Question:
    """Give (or correct) a question's answer; dated today unless said otherwise."""
    current = Question.objects.select_for_update().select_related("dialogue").get(
        pk=question.pk)
    current.answer = answer.strip()
    current.answered_on = (answered_on or office_today()) if current.answer else None
    current.answered_by = answered_by if current.answer else None
    current.full_clean()
    current.save(update_fields=["answer", "answered_on", "answered_by"])
    return current


@transaction.atomic
def question_delete(*, question: Question) -> None:
    Question.objects.select_for_update().get(pk=question.pk).delete()


# --- follow-up actions ------------------------------------------------------------------

def _owner_company(owner_kind: str, owner_contact: Contact | None) -> Company | None:
    if owner_kind == OwnerKind.CONTACT and owner_contact is not None:
        return owner_contact.company
    return None


@transaction.atomic
def action_create(
    *,
    description: str,
    due_on: dt.date,
    owner_kind: str,
    owner_contact: Contact | None = None,
    owner_user: User | None = None,
    owner_mandate: Mandate | None = None,
    dialogue: Dialogue | None = None,
    communication: Communication | None = None,
    response: Response | None = None,
    status: str = ActionStatus.OPEN,
    closing_note: str = "",
    created_by: User | None = None,
) -> FollowUpAction:
    """Record a follow-up action from a dialogue, a letter, or a reply to a letter."""
    if response is not None:
        communication = response.communication
    if (dialogue is None) == (communication is None):
        raise ValidationError({"dialogue": gettext(
            "An action comes from a dialogue or from a letter.")})
    action = FollowUpAction(
        description=description.strip(), due_on=due_on, owner_kind=owner_kind,
        owner_contact=owner_contact if owner_kind == OwnerKind.CONTACT else None,
        owner_user=owner_user if owner_kind == OwnerKind.STAFF else None,
        owner_mandate=owner_mandate if owner_kind == OwnerKind.MANDATE else None,
        dialogue=dialogue, communication=communication, response=response,
        status=status, closing_note=closing_note.strip(), created_by=created_by,
    )
    action.company = _owner_company(owner_kind, action.owner_contact)
    action.full_clean()
    if action.status in CLOSED_STATUSES:
        action.closed_on = office_today()
    action.next_reminder_on = next_reminder_on(action, office_today())
    action.save()
    object_event("action.created", action.pk, action.company_id)
    return action


@transaction.atomic
def commitment_record(*, response: Response, description: str, due_on: dt.date,
                      owner_contact: Contact | None = None, owner_user: User | None = None,
                      created_by: User | None = None) -> FollowUpAction:
    """A company's commitment in its reply, recorded as a follow-up action: owned by one
    of the company's contacts (or by OHCHR staff, who follow it up)."""
    return action_create(
        description=description, due_on=due_on, response=response,
        owner_kind=OwnerKind.CONTACT if owner_user is None else OwnerKind.STAFF,
        owner_contact=owner_contact, owner_user=owner_user, created_by=created_by,
    )


@transaction.atomic
def action_update_status(*, action: FollowUpAction, status: str, closing_note: str = ""
                         ) -> FollowUpAction:
    """Move an action to `status`; done and dropped need a closing note. Reopening
    clears the closing date and puts the action back on the reminder schedule."""
    current = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    was = current.status
    if status not in ActionStatus.values:
        raise ValidationError({"status": gettext("Choose one of the statuses.")})
    current.status = status
    current.closing_note = closing_note.strip()
    current.full_clean()
    current.closed_on = office_today() if status in CLOSED_STATUSES else None
    current.next_reminder_on = next_reminder_on(current, office_today())
    current.save(update_fields=["status", "closing_note", "closed_on", "next_reminder_on",
                                "updated_at"])
    if current.status != was:
        object_event("action.updated", current.pk, current.company_id)
    return current


class ActionFields(TypedDict, total=False):
    description: str
    due_on: dt.date
    owner_kind: str
    owner_contact: Contact | None
    owner_user: User | None
    owner_mandate: Mandate | None


@transaction.atomic
def action_update(*, action: FollowUpAction, **changes: Unpack[ActionFields]
                  ) -> FollowUpAction:
    """Change what is to be done, its owner or its due date (a new due date gives it a
    fresh reminder schedule)."""
    unknown = set(changes) - set(ActionFields.__annotations__)
    if unknown:
        raise TypeError(f"action_update() does not change {sorted(unknown)}")
    current = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    for name, value in changes.items():
        setattr(current, name, value)
    kind = current.owner_kind
    if kind != OwnerKind.CONTACT:
        current.owner_contact = None
    if kind != OwnerKind.STAFF:
        current.owner_user = None
    if kind != OwnerKind.MANDATE:
        current.owner_mandate = None
    current.company = _owner_company(kind, current.owner_contact)
    current.full_clean()
    current.next_reminder_on = next_reminder_on(current, office_today())
    current.save()
    return current


@transaction.atomic
def action_delete(*, action: FollowUpAction) -> None:
    FollowUpAction.objects.select_for_update().get(pk=action.pk).delete()
