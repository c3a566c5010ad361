"""Writes to letters, replies, extensions, assignments and notes: the one write path.

The API, the web pages, the admin, management commands and the demo loader all call
these, so a rule holds everywhere. Every service that changes a letter:

1. takes the letter's row with ``SELECT ... FOR UPDATE`` and works on that fresh copy,
   never on the caller's (which may be minutes old): two writes to one letter queue up
   at the lock, and the second sees what the first committed;
2. changes the fields it is about, recomputes the derived ones explicitly
   (``refresh_derived_fields``) and validates with ``full_clean()``;
3. saves exactly those fields, and tells the apps that follow letters (engagements/
   hooks.py) inside the same transaction.

The caller's object is left as it was; use the returned one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from btech.office_time import office_date, office_today
from engagements.hooks import letter_hooks
from engagements.models import Communication, Handover, InformalNote, Response
from engagements.references import joint_prefix_error

# The one module that talks to the broker; it imports nothing of ours. A PDF stored
# here is read for the search index in the worker once this transaction commits.
from reminders.queue import queue_text_extraction

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Company, Contact
    from mandates.models import Mandate
    from topics.models import Topic


def _locked(communication: Communication | int) -> Communication:
    """The letter's row as committed now, locked until this transaction ends."""
    pk = communication if isinstance(communication, int) else communication.pk
    letter = Communication.objects.select_for_update().select_related("company").get(pk=pk)
    letter.loaded_deadline_facts = letter.deadline_facts()  # what _save compares with
    return letter


def _require_mandates(mandates: Iterable[Mandate]) -> list[Mandate]:
    mandates = list(mandates)
    if not mandates:
        raise ValidationError({"mandates": gettext("At least one mandate signs the letter.")})
    return mandates


def _check_joint_prefix(reference: str, mandate_count: int) -> None:
    """A JAL/JUA/JOL reference needs two or more signing mandates (engagements/references.py)."""
    if message := joint_prefix_error(reference, mandate_count):
        raise ValidationError({"reference": message})


def _save(letter: Communication, *fields: str) -> None:
    """Validate the whole row, then save `fields` with the fields derived from them."""
    letter.full_clean()
    derived = letter.refresh_derived_fields()
    update = {*fields, *derived, "updated_at"}
    if letter.deadline_facts() != letter.loaded_deadline_facts:
        # What the deadline feed's ?changed_since= finds (Communication.deadline_changed_at).
        letter.deadline_changed_at = timezone.now()
        update.add("deadline_changed_at")
    letter.save(update_fields=update)
    letter.loaded_deadline_facts = letter.deadline_facts()


@transaction.atomic
def communication_create(
    *,
    reference: str,
    letter_type: str,
    mandates: Iterable[Mandate],
    company: Company,
    sent_on: dt.date,
    subject: str,
    summary: str = "",
    language: str = "en",
    letter: File[bytes] | None = None,
    assignee: Contact | None = None,
    press_release_on: dt.date | None = None,
    logged_by: User | None = None,
    handover_note: str = "",
    announce: bool = True,
    imported: bool = False,
    topics: Iterable[Topic] = (),
) -> Communication:
    """Log a new letter. Its company's leads (and its issue owner, if one is set) get
    the "new letter" notice as soon as this commits, unless its 60 days have already run
    (a historical letter) or ``announce=False`` (an imported letter already answered,
    whose final reply is logged right after). ``imported=True``: it comes from a file of
    existing letters (imports/), and is not chased if its due date has passed."""
    mandate_list = _require_mandates(mandates)
    _check_joint_prefix(reference, len(mandate_list))
    communication = Communication(
        reference=reference, letter_type=letter_type, company=company, sent_on=sent_on,
        subject=subject, summary=summary, language=language, assignee=assignee,
        press_release_on=press_release_on, imported_at=timezone.now() if imported else None,
    )
    if letter is not None:
        communication.letter = letter
        queue_text_extraction()
    communication.full_clean()
    communication.refresh_derived_fields()
    if not communication.is_historical(logged_on=office_today()):
        # The new-letter notice (below) gives the due date today; the planner takes
        # over from tomorrow instead of sending a reminder it "missed" alongside it.
        communication.next_reminder_on = office_today() + dt.timedelta(days=1)
    communication.save()
    communication.mandates.set(mandate_list)
    communication.topics.set(list(topics))
    if assignee is not None:
        Handover.objects.create(communication=communication, to_contact=assignee,
                                note=handover_note.strip(), handed_over_by=logged_by)
    # One notice for the owner too: the new-letter notice names them as its owner.
    if announce:
        letter_hooks().letter_logged(communication=communication)
    return communication


class LetterChanges(TypedDict, total=False):
    """What communication_update may change; a key left out is left as it is."""

    reference: str
    letter_type: str
    mandates: Iterable[Mandate]
    company: Company
    sent_on: dt.date
    language: str
    subject: str
    summary: str
    letter: File[bytes] | None  # None removes the PDF
    press_release_on: dt.date | None
    topics: Iterable[Topic]  # the whole set: the letter carries exactly these


@transaction.atomic
def communication_update(
    *, communication: Communication, **changes: Unpack[LetterChanges]
) -> Communication:
    """Change a letter's own fields (not its owner, replies or extension: see
    communication_assign, response_log and deadline_extend)."""
    letter = _locked(communication)
    mandate_list = _require_mandates(changes["mandates"]) if "mandates" in changes else None
    if "reference" in changes:
        _check_joint_prefix(changes["reference"], len(mandate_list) if mandate_list is not None
                            else letter.mandates.count())
        letter.reference = changes["reference"]
    if "letter_type" in changes:
        letter.letter_type = changes["letter_type"]
    if "company" in changes:
        letter.company = changes["company"]
    if "sent_on" in changes:
        letter.sent_on = changes["sent_on"]
    if "language" in changes:
        letter.language = changes["language"]
    if "subject" in changes:
        letter.subject = changes["subject"]
    if "summary" in changes:
        letter.summary = changes["summary"]
    if "letter" in changes:
        pdf = changes["letter"]
        letter.letter = pdf if pdf is not None else ""  # "" clears a FileField
        if pdf is not None:
            queue_text_extraction()
    if "press_release_on" in changes:
        letter.press_release_on = changes["press_release_on"]
    if "company" in changes or "sent_on" in changes:
        letter.addressed_to = ""  # the name the company went by then, recomputed
    _save(letter, *(name for name in changes if name not in {"mandates", "topics"}))
    if mandate_list is not None:
        letter.mandates.set(mandate_list)
    if "topics" in changes:
        letter.topics.set(list(changes["topics"]))
    return letter


@transaction.atomic
def communication_assign(
    *, communication: Communication, assignee: Contact | None, assigned_by: User | None,
    note: str = "",
) -> Communication:
    """Route the letter to an issue owner of its company, or clear the owner, with an
    optional handover note.

    Every change of owner is a Handover on the letter's timeline. The new owner is told
    at once by an "assigned to you" email carrying the note, unless they assigned the
    letter to themselves. Future reminders go to the new owner (the planner reads the
    assignee when it plans).
    """
    letter = _locked(communication)
    previous = letter.assignee
    if (previous.pk if previous else None) == (assignee.pk if assignee else None):
        return letter  # nothing moves: no handover, no notice
    letter.assignee = assignee
    _save(letter, "assignee")
    Handover.objects.create(communication=letter, from_contact=previous, to_contact=assignee,
                            note=note.strip(), handed_over_by=assigned_by)
    to_self = (assignee is not None and assigned_by is not None
               and assignee.user_id == assigned_by.pk)
    if assignee is not None and not to_self:
        letter_hooks().letter_assigned(communication=letter)
    letter_hooks().letter_owner_changed(communication=letter)
    return letter


@transaction.atomic
def communication_acknowledge(
    *, communication: Communication, acknowledged_by: User
) -> Communication:
    """A company user confirms the letter reached the company: the chase for
    acknowledgement stops, and the letter shows when and by whom."""
    letter = _locked(communication)
    if letter.acknowledged_at is not None:
        raise ValidationError({"acknowledged_at": _already_acknowledged(
            letter.acknowledged_at, letter.acknowledged_by)})
    letter.acknowledged_at = timezone.now()
    letter.acknowledged_by = acknowledged_by
    _save(letter, "acknowledged_at", "acknowledged_by")
    letter_hooks().letter_acknowledged(communication=letter)
    return letter


def _already_acknowledged(at: dt.datetime, by: User | None) -> str:
    day = date_format(office_date(at), "DATE_FORMAT")
    if by is None:
        return gettext("This letter was already acknowledged on %(date)s by a former "
                       "user.") % {"date": day}
    return gettext("This letter was already acknowledged on %(date)s by %(name)s.") % {
        "date": day, "name": by.get_full_name() or by.get_username()}


def extension_check(*, communication: Communication) -> None:
    """Refuse to move the due date of a letter already answered."""
    if communication.final_reply_on is not None:
        raise ValidationError(
            {"extended_to": gettext(
                "The final reply has been logged; there is nothing to extend.")}
        )


@transaction.atomic
def deadline_extend(
    *, communication: Communication, extended_to: dt.date | None, reason: str,
    granted_by: User,
) -> Communication:
    """OHCHR grants more time: the due date moves, the public date does not.

    ``extended_to=None`` withdraws an extension: the letter is due 60 days after sending.
    """
    letter = _locked(communication)
    extension_check(communication=letter)
    letter.extended_to = extended_to
    letter.extension_reason = reason
    letter.extension_granted_by = granted_by
    letter.extension_granted_at = timezone.now()
    _save(letter, "extended_to", "extension_reason", "extension_granted_by",
          "extension_granted_at")
    letter_hooks().letter_extended(communication=letter)
    return letter


@transaction.atomic
def communication_delete(*, communication: Communication) -> None:
    """Delete a letter with its replies and notes (pghistory keeps the record of all)."""
    _locked(communication).delete()


def _refresh_final_reply(letter: Communication) -> None:
    """Store the date of the final reply after replies changed (the letter is locked)."""
    final = letter.final_reply_date()
    if final != letter.final_reply_on:
        letter.final_reply_on = final
        _save(letter, "final_reply_on")


@transaction.atomic
def response_log(
    *,
    communication: Communication,
    kind: str,
    received_on: dt.date,
    body: str = "",
    attachment: File[bytes] | None = None,
    logged_by: User | None,
) -> Response:
    # The lock makes two final replies logged at the same moment queue up: the second
    # meets the first in clean() and gets a clear "already has a final reply" (the
    # unique index would only raise an IntegrityError).
    letter = _locked(communication)
    response = Response(
        communication=letter, kind=kind, received_on=received_on, body=body,
        logged_by=logged_by,
    )
    if attachment is not None:
        response.attachment = attachment
        queue_text_extraction()
    response.full_clean()
    response.save()
    _refresh_final_reply(letter)
    letter_hooks().response_logged(response=response)
    return response


@transaction.atomic
def response_update(
    *,
    response: Response,
    kind: str,
    received_on: dt.date,
    body: str,
    attachment: File[bytes] | None = None,
    remove_attachment: bool = False,
) -> Response:
    """Correct a logged reply (OHCHR staff, in the admin)."""
    letter = _locked(response.communication_id)
    reply = Response.objects.select_for_update().get(pk=response.pk, communication=letter)
    reply.communication = letter
    reply.kind, reply.received_on, reply.body = kind, received_on, body
    if attachment is not None:
        reply.attachment = attachment
        queue_text_extraction()
    elif remove_attachment:
        reply.attachment = ""  # "" clears a FileField
    reply.full_clean()
    reply.save()
    _refresh_final_reply(letter)
    return reply


@transaction.atomic
def response_delete(*, response: Response) -> None:
    letter = _locked(response.communication_id)
    Response.objects.filter(pk=response.pk, communication=letter).delete()
    _refresh_final_reply(letter)


@transaction.atomic
def note_add(
    *, communication: Communication, kind: str, noted_on: dt.date, body: str,
    author: User | None,
) -> InformalNote:
    letter = _locked(communication)
    note = InformalNote(
        communication=letter, kind=kind, noted_on=noted_on, body=body, author=author
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_update(*, note: InformalNote, kind: str, noted_on: dt.date, body: str) -> InformalNote:
    letter = _locked(note.communication_id)
    current = InformalNote.objects.select_for_update().get(pk=note.pk, communication=letter)
    current.kind, current.noted_on, current.body = kind, noted_on, body
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def note_delete(*, note: InformalNote) -> None:
    letter = _locked(note.communication_id)
    InformalNote.objects.filter(pk=note.pk, communication=letter).delete()
