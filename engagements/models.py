from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Re-exported ("name as name" says so to mypy): the visibility rule lived here and
# callers still import it from here.
from accounts.visibility import SCOPE_EVERY_COMPANY as SCOPE_EVERY_COMPANY
from accounts.visibility import restrict_to_scope as restrict_to_scope
from accounts.visibility import scope_company_id as scope_company_id
from accounts.visibility import visibility_scope as visibility_scope
from btech.office_time import office_date, office_today
from engagements import deadlines, references
from engagements.deadlines import DeadlineStatus
from engagements.references import NON_STATE_CODE, normalise_reference, parse_reference
from engagements.validators import validate_pdf

if TYPE_CHECKING:
    from accounts.models import User


class LetterType(models.TextChoices):
    AL = "AL", _("Allegation letter")
    UA = "UA", _("Urgent appeal")
    OL = "OL", _("Other letter")


class Language(models.TextChoices):
    """The language a letter is written in (not the reader's: btech/i18n.py)."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


# What the register and the letter page say of a letter's language: whole phrases, so
# that each language can write them its own way ("Lettre en français").
LETTER_IN: dict[str, Promise] = {
    Language.ENGLISH: _("Letter in English"),
    Language.FRENCH: _("Letter in French"),
    Language.SPANISH: _("Letter in Spanish"),
}


def _upload_path(folder: str, filename: str) -> str:
    # A random name: the original file name may carry a victim's or a source's name.
    return f"{folder}/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


def letter_upload_path(instance: Communication, filename: str) -> str:
    return _upload_path("letters", filename)


def response_upload_path(instance: Response, filename: str) -> str:
    return _upload_path("responses", filename)


class CommunicationQuerySet(models.QuerySet["Communication"]):
    def visible_to(self, user: User | Any) -> CommunicationQuerySet:
        """The one visibility rule for confidential letters (accounts.visibility)."""
        return restrict_to_scope(self, user)

    def published(self, today: dt.date | None = None) -> CommunicationQuerySet:
        """Letters whose public date has passed: what the public register shows."""
        return self.filter(public_on__lte=today or office_today())

    def with_status(self, *statuses: str, today: dt.date | None = None) -> CommunicationQuerySet:
        today = today or office_today()
        condition = Q()
        for status in statuses:
            condition |= deadlines.status_q(status, today)
        return self.filter(condition)

    def awaiting_reply(self) -> CommunicationQuerySet:
        return self.filter(final_reply_on__isnull=True)

    def search(self, text: str) -> CommunicationQuerySet:
        """Reference, subject, or the company's current or former name."""
        from companies.models import Company

        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(reference__icontains=text)
            | Q(subject__icontains=text)
            | Q(company__in=Company.objects.search(text).values("pk"))
        )


# next_reminder_on is the reminder planner's bookkeeping, not a fact about the letter:
# excluded so that planning passes do not fill the letter's history; so are
# deadline_changed_at (derived) and imported_at (set once, when the history starts).
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(),
                 exclude=["next_reminder_on", "deadline_changed_at", "imported_at"])
class Communication(models.Model):
    """A letter from one or more mandates to a company, with its 60-day clock."""

    reference = models.CharField(
        max_length=32, unique=True,
        help_text=_("TYPE CODE N/YEAR, e.g. AL OTH 74/2022 (OTH: a non-State recipient)."),
        error_messages={"unique": _("A letter with this reference already exists.")},
    )
    letter_type = models.CharField(_("type"), max_length=2, choices=LetterType.choices)
    mandates = models.ManyToManyField(
        "mandates.Mandate", related_name="communications",
        help_text=_("The mandates that signed the letter; several make it a joint letter."),
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="communications"
    )
    addressed_to = models.CharField(
        max_length=200, editable=False,
        help_text=_("The company's name when the letter was sent (names change)."),
    )
    sent_on = models.DateField()
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="communications",
        help_text=_("The risks the letter is about, from the topic thesaurus."))
    subject = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    letter = models.FileField(
        upload_to=letter_upload_path, blank=True, validators=[validate_pdf],
        help_text=_("The letter as a PDF."),
    )
    assignee = models.ForeignKey(
        "companies.Contact", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_communications",
        help_text=_("The issue owner at the company who must answer this letter."),
    )
    press_release_on = models.DateField(
        null=True, blank=True,
        help_text=_("A press release about the case makes the letter public that day."),
    )
    # The extension. Kept on the letter: one current due date; history keeps the past.
    extended_to = models.DateField(
        _("extended due date"), null=True, blank=True,
        help_text=_("A new due date granted by OHCHR."),
    )
    extension_reason = models.TextField(blank=True)
    extension_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    extension_granted_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Receipt: a company user says the letter has reached the company. Until then the
    # reminders chase the acknowledgement (reminders/schedule.py), because a letter that
    # sits unread in a shared mailbox is the first way a deadline is lost.
    acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )

    # Stored results of the clock (see engagements/deadlines.py), kept in step by the
    # services through refresh_derived_fields(), so "every overdue letter" is an index scan.
    due_on = models.DateField(editable=False)
    public_on = models.DateField(editable=False)
    final_reply_on = models.DateField(null=True, editable=False)
    # The first Geneva date on which the reminder planner (reminders/planner.py) must look
    # at this letter again; null once a final reply stops reminders. Reset by
    # refresh_derived_fields() when the due date or the reply state changes, so a pass
    # reads only the letters due.
    next_reminder_on = models.DateField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the letter came from a file of existing letters (imports/): one imported
    # after its due date had passed is not chased by reminders (reminders/planner.py).
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the deadline facts (DEADLINE_FACTS) last changed: what the deadline feed's
    # ?changed_since= reads (engagements/api/feed.py). A column kept by the one write
    # path (services._save), rather than a search of the history events: those record
    # every change of every field, and telling a due date's change from a subject's
    # would mean comparing each event with the one before it, per letter, per poll.
    # db_default too: rows written around the ORM (bulk loads with COPY) get one as well.
    deadline_changed_at = models.DateTimeField(default=timezone.now, db_default=Now(),
                                               editable=False)

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "reference"]
        indexes = [
            models.Index(fields=["due_on"], name="comm_due_on"),
            # The letters still awaiting a final reply: what deadline queries scan.
            models.Index(fields=["due_on"], name="comm_awaiting_due_on",
                         condition=Q(final_reply_on__isnull=True)),
            models.Index(fields=["public_on"], name="comm_public_on"),
            models.Index(fields=["sent_on"], name="comm_sent_on"),
            models.Index(fields=["company", "due_on"], name="comm_company_due_on"),
            # The planner's work list: partial, so 1,000,000 replied letters cost nothing
            # and a pass is a range scan over the few letters due today.
            models.Index(fields=["next_reminder_on"], name="comm_next_reminder_on",
                         condition=Q(next_reminder_on__isnull=False)),
            # Letters written around the services (bulk_create, raw SQL) that the planner
            # has never seen: normally empty, so finding them costs nothing.
            models.Index(fields=["id"], name="comm_reminders_unplanned",
                         condition=Q(next_reminder_on__isnull=True,
                                     final_reply_on__isnull=True)),
            # The deadline feed's keyset order, for staff and for one company's users.
            models.Index(fields=["deadline_changed_at", "id"], name="comm_deadline_changed"),
            models.Index(fields=["company", "deadline_changed_at", "id"],
                         name="comm_company_deadline_changed"),
        ]
        constraints = [
            # The plausible span of the clock's inputs (engagements/deadlines.py), for
            # rows written around the services too: outside it the reminder outbox's day
            # counts and the calendar's dates overflow. clean() says the same per field.
            # Added NOT VALID (migration 0004): rows from before are left for staff to
            # correct, and the planner flags them meanwhile.
            models.CheckConstraint(
                condition=Q(sent_on__gte=deadlines.EARLIEST_SENT_ON),
                name="comm_sent_on_plausible",
                violation_error_message=_("A letter is sent in or after 1990."),
            ),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(
                    extended_to__lte=models.F("sent_on") + deadlines.reply_window()
                    + deadlines.EXTENSION_HORIZON),
                name="comm_extension_within_horizon",
                violation_error_message=_("An extension moves the due date at most a year."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    # The inputs of the clock and what it stores from them. Services (engagements/
    # services.py) change an input, call refresh_derived_fields() and save the derived
    # fields with it; save() adds nothing of its own, it only refuses a row whose stored
    # clock disagrees with its inputs, so no path can write a wrong deadline silently.
    CLOCK_INPUTS = frozenset({"sent_on", "extended_to", "press_release_on", "final_reply_on",
                              "company"})
    DERIVED_FIELDS = ("addressed_to", "due_on", "public_on", "next_reminder_on")
    # What the deadline feed shows of a letter besides what the calendar alone moves:
    # a change to any of them moves deadline_changed_at (engagements.services._save).
    DEADLINE_FACTS = ("reference", "company_id", "due_on", "final_reply_on")
    # The facts as read under the service's lock (services._locked); not a column.
    loaded_deadline_facts: tuple[object, ...] | None = None

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        self._check_clock(None if update_fields is None else set(update_fields))
        super().save(*args, **kwargs)

    def _check_clock(self, update_fields: set[str] | None) -> None:
        stale = (self.due_on != deadlines.due_date(self.sent_on, self.extended_to)
                 or self.public_on != deadlines.public_date(self.sent_on, self.press_release_on))
        if stale:
            raise ValueError(f"{self.reference}: the stored deadline is stale; call "
                             "refresh_derived_fields() after changing sent_on, extended_to "
                             "or press_release_on")
        if update_fields is not None and update_fields & self.CLOCK_INPUTS and not (
                update_fields >= set(self.DERIVED_FIELDS)):
            raise ValueError(f"{self.reference}: saving {sorted(update_fields)} changes the "
                             f"clock; save {list(self.DERIVED_FIELDS)} with it")

    def deadline_facts(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.DEADLINE_FACTS)

    # --- the clock ------------------------------------------------------------------
    @property
    def original_due_on(self) -> dt.date:
        return deadlines.original_due_date(self.sent_on)

    def deadline_status(self, today: dt.date | None = None) -> DeadlineStatus:
        return deadlines.deadline_status(
            due_on=self.due_on, final_reply_on=self.final_reply_on,
            today=today or office_today(),
        )

    def days_remaining(self, today: dt.date | None = None) -> int:
        return deadlines.days_remaining(self.due_on, today or office_today())

    @property
    def logged_on(self) -> dt.date:
        """The Geneva date the letter was logged here: when its company was first told."""
        return office_date(self.created_at)

    def is_historical(self, logged_on: dt.date | None = None) -> bool:
        """Logged only after its 60 days had run (see deadlines.is_historical)."""
        return deadlines.is_historical(sent_on=self.sent_on,
                                       logged_on=logged_on or self.logged_on)

    def is_public(self, today: dt.date | None = None) -> bool:
        return self.public_on <= (today or office_today())

    @property
    def is_joint(self) -> bool:
        # len() over all(): uses prefetched mandates when a list view prefetched them.
        return len(self.mandates.all()) > 1

    @property
    def language_note(self) -> str:
        """"Letter in French": the language the letter is written in, in words."""
        phrase = LETTER_IN.get(self.language)
        return str(phrase) if phrase is not None else self.language

    @property
    def display_type(self) -> str:
        """JAL, JUA or JOL for a joint letter; AL, UA or OL otherwise."""
        return f"J{self.letter_type}" if self.pk and self.is_joint else self.letter_type

    # --- validation and saving -----------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.reference = normalise_reference(self.reference or "")
        parsed = parse_reference(self.reference)
        if parsed is not None:
            self.reference = parsed.text  # JAL OTH 74/2024 is stored as AL OTH 74/2024
        if not self.reference:
            pass  # reported as blank by the field itself
        elif parsed is None:
            errors["reference"] = references.format_error()
        elif parsed.code != NON_STATE_CODE:
            errors["reference"] = gettext(
                "A letter to a company carries the code %(expected)s, not %(code)s.") % {
                "expected": NON_STATE_CODE, "code": parsed.code}
        elif self.letter_type and parsed.letter_type != self.letter_type:
            errors["letter_type"] = gettext(
                "The reference says %(reference_type)s but the type is %(type)s.") % {
                "reference_type": parsed.letter_type, "type": self.letter_type}
        elif self.sent_on and parsed.year != self.sent_on.year:
            errors["reference"] = gettext(
                "The reference year %(year)s is not the year the letter was sent "
                "(%(sent_year)s).") % {"year": parsed.year, "sent_year": self.sent_on.year}
        if self.sent_on and self.sent_on > office_today():
            errors["sent_on"] = gettext("A letter cannot be sent in the future.")
        elif self.sent_on and self.sent_on < deadlines.EARLIEST_SENT_ON:
            errors["sent_on"] = gettext("A letter is sent in or after %(year)d.") % {
                "year": deadlines.EARLIEST_SENT_ON.year}
        # The dates that follow are judged from a plausible sent_on only: from any other,
        # the due dates computed here would run off the calendar.
        sent_on = self.sent_on if self.sent_on and "sent_on" not in errors else None
        if sent_on and self.extended_to and self.extended_to <= self.original_due_on:
            errors["extended_to"] = gettext(
                "An extension moves the due date past %(date)s.") % {
                "date": date_format(self.original_due_on, "DATE_FORMAT")}
        elif (sent_on and self.extended_to
              and self.extended_to > deadlines.latest_due_date(sent_on)):
            errors["extended_to"] = gettext(
                "An extension moves the due date at most a year past the original one, "
                "to %(date)s at the latest.") % {"date": deadlines.latest_due_date(sent_on)}
        if self.extended_to and not self.extension_reason.strip():
            errors["extension_reason"] = gettext("Say why the extension was granted.")
        if sent_on and self.press_release_on and self.press_release_on < sent_on:
            errors["press_release_on"] = gettext(
                "A press release comes after the letter is sent.")
        elif (sent_on and self.press_release_on
              and self.press_release_on > deadlines.latest_due_date(sent_on)):
            errors["press_release_on"] = gettext(
                "A press release about the letter falls by %(date)s, the latest its "
                "deadline can be extended to.") % {"date": deadlines.latest_due_date(sent_on)}
        if (self.assignee is not None and self.company_id
                and self.assignee.company_id != self.company_id):
            errors["assignee"] = gettext(
                "The issue owner must work for the company the letter is to.")
        if errors:
            raise ValidationError(errors)

    def refresh_derived_fields(self) -> list[str]:
        """Recompute what the letter stores from its inputs; return those fields' names.

        Call after changing sent_on, extended_to, press_release_on, the company or
        final_reply_on, on the row as it is now (a service's locked, re-read row), and
        save the returned fields with the ones changed.
        """
        previous_due_on = None if self._state.adding else self.due_on
        self.due_on = deadlines.due_date(self.sent_on, self.extended_to)
        self.public_on = deadlines.public_date(self.sent_on, self.press_release_on)
        if self.company_id and not self.addressed_to:
            self.addressed_to = self.company.name_on(self.sent_on)
        self.next_reminder_on = self._next_reminder_on(
            due_changed=previous_due_on != self.due_on)
        return list(self.DERIVED_FIELDS)

    def _next_reminder_on(self, *, due_changed: bool) -> dt.date | None:
        """When the reminder planner must look at this letter next (it computes the steps).

        A new letter is looked at from the day it was sent, so one logged late gets the
        latest reminder it missed (unless communication_create announces it: then from
        tomorrow). A moved due date, or a final reply withdrawn, makes it
        look again from today. A final reply stops reminders.
        """
        if self.final_reply_on is not None:
            return None
        if self._state.adding:
            return self.sent_on
        if due_changed or self.next_reminder_on is None:
            today = office_today()
            return min(self.next_reminder_on or today, today)
        return self.next_reminder_on

    def final_reply_date(self) -> dt.date | None:
        """The date of the final reply as the database has it now."""
        return self.responses.filter(kind=ResponseKind.FINAL).values_list(
            "received_on", flat=True).first()


class ResponseKind(models.TextChoices):
    INTERIM = "interim", _("Interim")
    FINAL = "final", _("Final")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Response(models.Model):
    """A company's reply to a letter. Only a final reply stops the clock."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="responses"
    )
    kind = models.CharField(max_length=10, choices=ResponseKind.choices)
    received_on = models.DateField()
    body = models.TextField(_("text"), blank=True)
    attachment = models.FileField(
        upload_to=response_upload_path, blank=True, validators=[validate_pdf]
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["communication", "received_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["communication"], condition=Q(kind="final"),
                name="one_final_response_per_communication",
                violation_error_message=_("This letter already has a final reply."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reply to {self.communication_id} on {self.received_on}"

    @property
    def on_time(self) -> bool:
        return deadlines.replied_on_time(self.received_on, self.communication.due_on)

    def clean(self) -> None:
        if not (self.communication_id and self.received_on):
            return
        errors: dict[str, str] = {}
        sent_on = self.communication.sent_on
        if self.received_on < sent_on:
            errors["received_on"] = gettext(
                "A reply cannot predate the letter (sent %(date)s).") % {
                "date": date_format(sent_on, "DATE_FORMAT")}
        elif self.received_on > office_today():
            errors["received_on"] = gettext("A reply cannot be received in the future.")
        if not self.body.strip() and not self.attachment:
            errors["body"] = gettext("Give the reply's text or attach it as a PDF.")
        if (self.kind == ResponseKind.FINAL and Response.objects.filter(
                communication_id=self.communication_id, kind=ResponseKind.FINAL)
                .exclude(pk=self.pk).exists()):
            errors["kind"] = gettext("This letter already has a final reply.")
        if errors:
            raise ValidationError(errors)


class NoteKind(models.TextChoices):
    PREVIEW = "preview", _("Preview before the letter")
    ACCOMPANYING = "accompanying", _("Accompanying the letter")
    FOLLOW_UP = "follow_up", _("Follow-up")

    @classmethod
    def for_date(cls, noted_on: dt.date, sent_on: dt.date) -> NoteKind:
        """What a note most likely is, by its date: before the letter was sent it
        previewed it, on the day it accompanied it, afterwards it followed it up.
        The forms' default; the person may choose another kind."""
        if noted_on < sent_on:
            return cls.PREVIEW
        return cls.ACCOMPANYING if noted_on == sent_on else cls.FOLLOW_UP


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class InformalNote(models.Model):
    """An informal note that previews or accompanies a letter; they improve replies."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    noted_on = models.DateField()
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["communication", "noted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} note, {self.noted_on}"

    def clean(self) -> None:
        if self.noted_on and self.noted_on > office_today():
            raise ValidationError({"noted_on": gettext("A note cannot be dated in the future.")})
        # A note previews, accompanies or follows up the letter: within its life.
        sent_on = self.communication.sent_on if self.communication_id else None
        if self.noted_on and sent_on and sent_on - self.noted_on > deadlines.NOTE_LEAD_TIME:
            raise ValidationError({"noted_on": gettext(
                "A note is dated at most a year before the letter (sent %(date)s).")
                % {"date": sent_on}})


@pghistory.track(pghistory.InsertEvent())
class Handover(models.Model):
    """One routing of a letter to an issue owner, with the note that went with it.

    Written by the assignment service whenever the owner changes: the letter page's
    timeline shows the chain, and the new owner's notice carries the note.
    """

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="handovers"
    )
    from_contact = models.ForeignKey(
        "companies.Contact", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    to_contact = models.ForeignKey(
        "companies.Contact", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="handovers_received", help_text=_("Empty when the owner was cleared."),
    )
    note = models.TextField(blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    handed_over_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["communication", "handed_over_at", "pk"]

    def __str__(self) -> str:
        return f"Handover of {self.communication_id} to {self.to_contact_id}"
