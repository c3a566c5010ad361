"""Calls for input: mandate holders ask for written input to a report, by a deadline.

A call is public (its official page is on the OHCHR site). A company's participation in
it, whether it intends to submit and what it submitted, is the company's own: the same
visibility rule as its letters (accounts.visibility), so another company never learns
of it, not even as a count.

The status of a call, stated once (CallForInput.status and CallQuerySet.with_status):
a call is OPEN from its publication until the end of its deadline day in Geneva, unless
OHCHR staff close it early (closed_at); it is CLOSED from the day after the deadline, or
from the moment staff closed it. A submission is never refused for being late: one
recorded after the call closed is kept and marked late.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.visibility import visible_call_participations
from btech.i18n import translated_value
from btech.office_time import office_date, office_today
from engagements.validators import validate_pdf
from reminders.models import DeliveryState, OutboxMessage, RecipientReason

if TYPE_CHECKING:
    from accounts.models import User

# The first year a call could feed a report (the Human Rights Council met in 2006), and
# bounds that keep a typo from reaching the database as an absurd row.
EARLIEST_REPORT_YEAR = 2006
LATEST_REPORT_YEAR = 2100

# The days before the deadline on which companies that intend to submit are reminded
# (reminders/planner.py plans them, reminders/services.py sends them).
REMINDER_DAYS_BEFORE = (14, 3)


class ReportBody(models.TextChoices):
    HUMAN_RIGHTS_COUNCIL = "hrc", _("Human Rights Council")
    GENERAL_ASSEMBLY = "ga", _("General Assembly")


class CallStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("call for input", "Open")
    CLOSED = "closed", pgettext_lazy("call for input", "Closed")


def accepted_language_choices() -> list[tuple[str, str]]:
    """The languages a call may accept: the product's own (settings.LANGUAGES) and the
    other official UN languages, in which submissions are also often accepted."""
    choices = [(code, str(name)) for code, name in settings.LANGUAGES]
    others = [("ar", _("Arabic")), ("ru", _("Russian")), ("zh", _("Chinese"))]
    known = {code for code, _name in choices}
    return choices + [(code, str(name)) for code, name in others if code not in known]


def _default_languages() -> list[str]:
    return ["en", "fr", "es"]


def submission_upload_path(instance: CallParticipation, filename: str) -> str:
    # A random name: the original file name may carry a person's name.
    return f"submissions/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


class CallQuerySet(models.QuerySet["CallForInput"]):
    def visible_to(self, user: User | Any) -> CallQuerySet:
        """Calls are public: everyone sees every call (their participations are not)."""
        return self

    def with_status(self, status: str, today: dt.date | None = None) -> CallQuerySet:
        """CallForInput.status as a query (a test checks that the two agree)."""
        today = today or office_today()
        is_open = Q(closed_at__isnull=True, deadline__gte=today)
        return self.filter(is_open if status == CallStatus.OPEN else ~is_open)

    def open_on(self, today: dt.date | None = None) -> CallQuerySet:
        return self.with_status(CallStatus.OPEN, today)

    def search(self, text: str) -> CallQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(title_fr__icontains=text)
                           | Q(title_es__icontains=text) | Q(questions__icontains=text))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CallForInput(models.Model):
    """A call for written input to a report of one or more mandates."""

    title = models.CharField(_("title"), max_length=300)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    title_es = models.CharField(_("title in Spanish"), max_length=300, blank=True)
    mandates = models.ManyToManyField(
        "mandates.Mandate", related_name="calls_for_input", verbose_name=_("mandates"),
        help_text=_("The mandates that issued the call."),
    )
    report_body = models.CharField(_("report to"), max_length=3, choices=ReportBody.choices,
                                   help_text=_("The body the report is presented to."))
    report_session = models.PositiveSmallIntegerField(
        _("session"), null=True, blank=True,
        help_text=_("The session the report is presented at, e.g. 59 (blank if not yet "
                    "known)."))
    report_year = models.PositiveSmallIntegerField(_("report year"))
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="calls_for_input",
                                    verbose_name=_("topics"))
    questions = models.TextField(_("questions"), blank=True,
                                 help_text=_("The questions the call asks, as published."))
    opened_on = models.DateField(_("opened on"))
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day submissions are expected, in Geneva."))
    official_url = models.URLField(_("official page"), max_length=500, blank=True,
                                   help_text=_("The call's page on the OHCHR website."))
    languages = ArrayField(
        models.CharField(max_length=7, choices=accepted_language_choices), size=8,
        default=_default_languages, verbose_name=_("languages accepted"),
        help_text=_("The languages submissions may be written in."))
    # Closed early by staff; a call also closes by itself after its deadline (status).
    closed_at = models.DateTimeField(_("closed early at"), null=True, blank=True,
                                     editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    TRANSLATED_FIELDS = ("title",)

    class Meta:
        ordering = ["-deadline", "-opened_on", "-pk"]
        verbose_name = _("call for input")
        verbose_name_plural = _("calls for input")
        indexes = [
            # The lists: newest deadline first, and the planner's window of open calls.
            models.Index(fields=["-deadline", "-opened_on", "-id"], name="call_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opened_on")),
                name="call_deadline_after_opening",
                violation_error_message=_("The deadline cannot come before the call opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return translated_value(self, "title")

    def status(self, today: dt.date | None = None) -> CallStatus:
        """Open until the end of the deadline day in Geneva, unless closed early."""
        if self.closed_at is not None or self.deadline < (today or office_today()):
            return CallStatus.CLOSED
        return CallStatus.OPEN

    def is_open(self, today: dt.date | None = None) -> bool:
        return self.status(today) == CallStatus.OPEN

    @property
    def last_day(self) -> dt.date:
        """The last Geneva day a submission is on time: the deadline, or the day staff
        closed the call if they closed it earlier."""
        if self.closed_at is not None:
            return min(self.deadline, office_date(self.closed_at))
        return self.deadline

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.deadline - (today or office_today())).days

    @property
    def report_words(self) -> str:
        """'Human Rights Council, 61st session (2026)': the report the call feeds."""
        body = ReportBody(self.report_body).label if self.report_body else ""
        if self.report_session:
            return gettext("%(body)s, session %(session)d (%(year)d)") % {
                "body": body, "session": self.report_session, "year": self.report_year}
        return gettext("%(body)s (%(year)d)") % {"body": body, "year": self.report_year}

    def language_names(self) -> list[str]:
        names = dict(accepted_language_choices())
        return [names.get(code, code) for code in self.languages or []]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.opened_on and self.deadline and self.deadline < self.opened_on:
            errors["deadline"] = gettext("The deadline cannot come before the call opens "
                                         "(%(opened_on)s).") % {
                "opened_on": self.opened_on.isoformat()}
        if self.report_year and not (EARLIEST_REPORT_YEAR <= self.report_year
                                     <= LATEST_REPORT_YEAR):
            errors["report_year"] = gettext("Give a year between %(first)d and %(last)d.") % {
                "first": EARLIEST_REPORT_YEAR, "last": LATEST_REPORT_YEAR}
        if not self.languages:
            errors["languages"] = gettext("Choose at least one language.")
        elif len(set(self.languages)) != len(self.languages):
            errors["languages"] = gettext("List each language once.")
        if errors:
            raise ValidationError(errors)


class ParticipationQuerySet(models.QuerySet["CallParticipation"]):
    def visible_to(self, user: User | Any) -> ParticipationQuerySet:
        """Only the company's own participation, or every one for OHCHR staff
        (accounts.visibility: the letters' rule)."""
        return visible_call_participations(self, user)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CallParticipation(models.Model):
    """A company's part in one call: its intent to submit, then its submission."""

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE,
                             related_name="participations")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT,
                                related_name="call_participations")
    intends_to_submit = models.BooleanField(_("intends to submit"), default=False)
    intent_at = models.DateTimeField(null=True, blank=True, editable=False)
    intent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+", editable=False)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True,
                                    help_text=_("The Geneva date the submission was sent."))
    submission = models.FileField(_("submission (PDF)"), upload_to=submission_upload_path,
                                  blank=True, validators=[validate_pdf])
    may_publish = models.BooleanField(
        _("may be published"), default=False,
        help_text=_("Whether the mandate may publish the submission on its page."))
    recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["call", "company__name"]
        verbose_name = _("participation in a call")
        verbose_name_plural = _("participations in calls")
        constraints = [
            models.UniqueConstraint(fields=["call", "company"],
                                    name="one_participation_per_call_and_company"),
        ]
        indexes = [
            # The planner's question: who intends to submit and has not yet.
            models.Index(fields=["call"], name="participation_pending",
                         condition=Q(intends_to_submit=True, submitted_on__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.company} / {self.call_id}"

    @property
    def has_submitted(self) -> bool:
        return self.submitted_on is not None

    @property
    def is_late(self) -> bool:
        """Submitted after the call closed (allowed, and shown as late)."""
        return self.submitted_on is not None and self.submitted_on > self.call.last_day


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class CallFollow(models.Model):
    """A person follows a call: its deadline is in their calendar feed while it is open.
    The users of a company that intends to submit follow it without a row here
    (calls.selectors.followed_calls)."""

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_calls")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call followed")
        verbose_name_plural = _("calls followed")
        constraints = [
            models.UniqueConstraint(fields=["user", "call"], name="one_follow_per_user_and_call"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.call_id}"


class CallReminder(OutboxMessage):
    """One email to one human-rights lead, N days before a call's deadline, for a company
    that intends to submit: a row of the one outbox (reminders/), sent by its delivery."""

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE, related_name="reminders",
                             db_index=False)  # the unique constraint's index starts with it
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE,
                                related_name="call_reminders")
    # The step's identity, e.g. "2026-03-31/3": the deadline is part of it, so a moved
    # deadline gives the call a fresh schedule instead of colliding with the old one.
    step = models.CharField(max_length=32)
    deadline = models.DateField(help_text=_("The deadline this reminder was planned for."))
    days_before = models.SmallIntegerField(help_text=_("Days before the deadline."))
    scheduled_on = models.DateField(help_text=_("The Geneva date the step falls on."))
    contact = models.ForeignKey("companies.Contact", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="call_reminders")
    reason = models.CharField(max_length=12, choices=RecipientReason.choices,
                              default=RecipientReason.HUMAN_RIGHTS_LEAD)

    class Meta:
        ordering = ["-scheduled_on", "call", "recipient_email"]
        verbose_name = _("call reminder")
        verbose_name_plural = _("call reminders")
        constraints = [
            # The duplicate guard, as for letter reminders: two planners or a redelivered
            # task can at worst try to insert the same row; the second does nothing.
            models.UniqueConstraint(fields=["call", "step", "recipient_email"],
                                    name="one_call_reminder_per_step_and_recipient"),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="call_reminder_pending_next",
                         condition=Q(state=DeliveryState.PENDING)),
        ]

    def __str__(self) -> str:
        return f"{self.step} to {self.recipient_email}"
