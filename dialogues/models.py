"""Dialogues (meetings between mandates, companies and others), the questions raised in
them, and the follow-up actions that come out of a dialogue, a letter or a reply.

Who may see each is the one visibility rule (accounts.visibility): a dialogue, with its
questions, documents and actions, is seen by OHCHR staff and by the companies that took
part; an action also by its owner's company and by whoever sees the letter it came from.
A public dialogue shows its public summary on the public register, nothing more.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.visibility import restrict_actions_to_scope, restrict_dialogues_to_scope
from btech.office_time import office_date, office_today
from engagements.validators import validate_pdf
from reminders.models import OutboxMessage

if TYPE_CHECKING:
    from accounts.models import User


class DialogueFormat(models.TextChoices):
    COMMUNITY_OF_PRACTICE = "cop_session", _("B-Tech Community of Practice session")
    BILATERAL = "bilateral", _("Bilateral meeting")
    MULTI_STAKEHOLDER = "multi_stakeholder", _("Multi-stakeholder dialogue")
    LEADERSHIP = "leadership", _("Leadership dialogue")
    COUNTRY_VISIT = "country_visit", _("Country visit meeting")


class OrganiserKind(models.TextChoices):
    OHCHR = "ohchr", _("OHCHR B-Tech")
    MANDATE = "mandate", _("A mandate")
    CIVIL_SOCIETY = "civil_society", _("A civil-society organisation")
    COMPANY = "company", _("A company")


class Confidentiality(models.TextChoices):
    # Chatham House: what was said may be used, not who said it; the minutes stay with
    # those who took part.
    CONFIDENTIAL = "confidential", _("Confidential to participants (Chatham House rule)")
    PUBLIC = "public", _("Public")


class DialogueQuerySet(models.QuerySet["Dialogue"]):
    def visible_to(self, user: User | Any) -> DialogueQuerySet:
        """The one visibility rule (accounts.visibility): staff, and participants."""
        return restrict_dialogues_to_scope(self, user)

    def published(self) -> DialogueQuerySet:
        """What the public register lists: public dialogues (their public summary)."""
        return self.filter(confidentiality=Confidentiality.PUBLIC)

    def search(self, text: str) -> DialogueQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(
            pk__in=DialogueCompany.objects.filter(name_then__icontains=text)
            .values("dialogue_id")))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Dialogue(models.Model):
    """A meeting between mandate holders, companies and others, on or off the record."""

    title = models.CharField(_("title"), max_length=300)
    # An instant, in UTC; pages show it in Geneva and in the reader's own time zone.
    starts_at = models.DateTimeField(_("starts at"))
    format = models.CharField(_("format"), max_length=20, choices=DialogueFormat.choices)
    organiser_kind = models.CharField(_("organised by"), max_length=20,
                                      choices=OrganiserKind.choices, default=OrganiserKind.OHCHR)
    organiser_mandate = models.ForeignKey(
        "mandates.Mandate", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organising mandate"))
    organiser_company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organising company"))
    organiser_name = models.CharField(
        _("organising organisation"), max_length=200, blank=True,
        help_text=_("The civil-society organisation(s), e.g. ISHR and Access Now."))
    mandates = models.ManyToManyField(
        "mandates.Mandate", blank=True, related_name="dialogues", verbose_name=_("mandates"),
        help_text=_("The mandates taking part; their holders on the day are shown."))
    companies = models.ManyToManyField(
        "companies.Company", through="DialogueCompany", blank=True, related_name="dialogues",
        verbose_name=_("companies"))
    representatives = models.ManyToManyField(
        "companies.Contact", blank=True, related_name="dialogues",
        verbose_name=_("company representatives"),
        help_text=_("The people who represented the companies taking part."))
    other_participants = models.TextField(
        _("other participants"), blank=True,
        help_text=_("Civil society, academia, others: names and organisations."))
    confidentiality = models.CharField(
        _("confidentiality"), max_length=20, choices=Confidentiality.choices,
        default=Confidentiality.CONFIDENTIAL)
    agenda = models.TextField(_("agenda"), blank=True)
    summary = models.TextField(
        _("summary"), blank=True,
        help_text=_("The minutes: only staff and the companies that took part see them."))
    public_summary = models.TextField(
        _("public summary"), blank=True,
        help_text=_("What the public register shows of a public dialogue."))
    letters = models.ManyToManyField(
        "engagements.Communication", blank=True, related_name="dialogues",
        verbose_name=_("related letters"))
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="dialogues",
                                    verbose_name=_("topics"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        indexes = [models.Index(fields=["-starts_at", "id"], name="dialogue_starts_at")]

    def __str__(self) -> str:
        return self.title

    @property
    def held_on(self) -> dt.date:
        """The Geneva date of the dialogue: whose term was running, whose name applied."""
        return office_date(self.starts_at)

    @property
    def is_public(self) -> bool:
        return self.confidentiality == Confidentiality.PUBLIC

    def clean(self) -> None:
        errors: dict[str, str] = {}
        kind = self.organiser_kind
        if kind == OrganiserKind.MANDATE and not self.organiser_mandate_id:
            errors["organiser_mandate"] = gettext("Choose the mandate that organised it.")
        if kind == OrganiserKind.COMPANY and not self.organiser_company_id:
            errors["organiser_company"] = gettext("Choose the company that organised it.")
        if kind == OrganiserKind.CIVIL_SOCIETY and not self.organiser_name.strip():
            errors["organiser_name"] = gettext("Name the organisation that organised it.")
        if (self.starts_at and self.starts_at.year < 1990):
            errors["starts_at"] = gettext("A dialogue is held in or after 1990.")
        if errors:
            raise ValidationError(errors)

    @property
    def organiser_display(self) -> str:
        if self.organiser_kind == OrganiserKind.MANDATE and self.organiser_mandate:
            return self.organiser_mandate.display_title
        if self.organiser_kind == OrganiserKind.COMPANY and self.organiser_company:
            return self.organiser_company.name_on(self.held_on)
        if self.organiser_kind == OrganiserKind.CIVIL_SOCIETY and self.organiser_name:
            return self.organiser_name
        return str(self.get_organiser_kind_display())


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class DialogueCompany(models.Model):
    """A company that took part: what makes a confidential dialogue visible to it."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE,
                                 related_name="participations")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT,
                                related_name="dialogue_participations")
    # Names change (Facebook, then Meta): the dialogue keeps the name of its day.
    name_then = models.CharField(_("name on the day"), max_length=200, editable=False)

    class Meta:
        ordering = ["name_then"]
        verbose_name = _("participating company")
        verbose_name_plural = _("participating companies")
        constraints = [models.UniqueConstraint(fields=["dialogue", "company"],
                                               name="one_participation_per_company")]
        # The visibility rule looks dialogues up by company.
        indexes = [models.Index(fields=["company", "dialogue"], name="dialogue_company")]

    def __str__(self) -> str:
        return self.name_then


def document_upload_path(instance: DialogueDocument, filename: str) -> str:
    # A random name: a file name may say more than the dialogue's confidentiality allows.
    return f"dialogues/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class DialogueDocument(models.Model):
    """A PDF of the dialogue (agenda, slides, minutes): seen by whoever sees the dialogue."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF"), upload_to=document_upload_path,
                            validators=[validate_pdf])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dialogue", "uploaded_at", "pk"]
        verbose_name = _("dialogue document")

    def __str__(self) -> str:
        return self.title


class AskerKind(models.TextChoices):
    MANDATE = "mandate", _("A mandate")
    COMPANY = "company", _("A company")
    OTHER = "other", _("Another participant")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Question(models.Model):
    """A question raised in a dialogue, and its answer once given."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    asked_by_kind = models.CharField(_("asked by"), max_length=10, choices=AskerKind.choices)
    asked_by_mandate = models.ForeignKey(
        "mandates.Mandate", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("asking mandate"))
    asked_by_company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("asking company"))
    asked_by_name = models.CharField(_("asked by (name)"), max_length=200, blank=True,
                                     help_text=_("Who asked, when not a mandate or company."))
    addressed_to = models.CharField(_("addressed to"), max_length=200, blank=True,
                                    help_text=_("Whom the question was put to, in words."))
    addressed_to_company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("addressed to company"),
        help_text=_("The company that should answer: its users may give the answer."))
    text = models.TextField(_("question"))
    topic = models.ForeignKey("topics.Topic", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="questions", verbose_name=_("topic"))
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dialogue", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.asked_by_kind == AskerKind.MANDATE and not self.asked_by_mandate_id:
            errors["asked_by_mandate"] = gettext("Choose the mandate that asked.")
        if self.asked_by_kind == AskerKind.COMPANY and not self.asked_by_company_id:
            errors["asked_by_company"] = gettext("Choose the company that asked.")
        if self.asked_by_kind == AskerKind.OTHER and not self.asked_by_name.strip():
            errors["asked_by_name"] = gettext("Say who asked.")
        if self.answer.strip() and self.answered_on is None:
            errors["answered_on"] = gettext("Give the date of the answer.")
        elif self.answered_on is not None and not self.answer.strip():
            errors["answer"] = gettext("Give the answer, or clear its date.")
        elif self.answered_on is not None and self.answered_on > office_today():
            errors["answered_on"] = gettext("An answer cannot be dated in the future.")
        elif (self.answered_on is not None and self.dialogue_id
              and self.answered_on < self.dialogue.held_on):
            errors["answered_on"] = gettext(
                "An answer comes on or after the dialogue (%(date)s).") % {
                "date": date_format(self.dialogue.held_on, "DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)

    @property
    def addressee_display(self) -> str:
        """To whom the question was put: the words recorded, else the company's name."""
        if self.addressed_to:
            return self.addressed_to
        if self.addressed_to_company_id and self.addressed_to_company is not None:
            return self.addressed_to_company.name_on(self.dialogue.held_on)
        return ""

    @property
    def topic_list(self) -> list[Any]:
        """The question's topic as a list, for the topic chips (templates/topics)."""
        return [self.topic] if self.topic_id and self.topic is not None else []

    @property
    def asker_display(self) -> str:
        if self.asked_by_kind == AskerKind.MANDATE and self.asked_by_mandate:
            return self.asked_by_mandate.display_short_name
        if self.asked_by_kind == AskerKind.COMPANY and self.asked_by_company:
            return self.asked_by_company.name_on(self.dialogue.held_on)
        return self.asked_by_name or str(self.get_asked_by_kind_display())


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# The statuses of an action still to be done: reminded, counted overdue, on calendars.
PENDING_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)


class OwnerKind(models.TextChoices):
    CONTACT = "contact", _("A company contact")
    STAFF = "staff", _("An OHCHR staff member")
    MANDATE = "mandate", _("A mandate")


class FollowUpActionQuerySet(models.QuerySet["FollowUpAction"]):
    def visible_to(self, user: User | Any) -> FollowUpActionQuerySet:
        """The one visibility rule (accounts.visibility)."""
        return restrict_actions_to_scope(self, user)

    def pending(self) -> FollowUpActionQuerySet:
        return self.filter(status__in=PENDING_STATUSES)

    def overdue(self, today: dt.date | None = None) -> FollowUpActionQuerySet:
        return self.pending().filter(due_on__lt=today or office_today())


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(),
                 exclude=["next_reminder_on"])
class FollowUpAction(models.Model):
    """Something to be done after a dialogue, a letter or a reply, by whom and by when."""

    # Where it came from: a dialogue, or a letter (and, for a company's commitment, the
    # reply that made it; the letter is then the reply's letter).
    dialogue = models.ForeignKey(Dialogue, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="actions", verbose_name=_("dialogue"))
    communication = models.ForeignKey(
        "engagements.Communication", null=True, blank=True, on_delete=models.CASCADE,
        related_name="follow_up_actions", verbose_name=_("letter"))
    response = models.ForeignKey(
        "engagements.Response", null=True, blank=True, on_delete=models.CASCADE,
        related_name="follow_up_actions", verbose_name=_("reply"))
    description = models.TextField(_("what is to be done"))
    owner_kind = models.CharField(_("owner"), max_length=10, choices=OwnerKind.choices)
    owner_contact = models.ForeignKey(
        "companies.Contact", null=True, blank=True, on_delete=models.PROTECT,
        related_name="follow_up_actions", verbose_name=_("owner at the company"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="follow_up_actions", verbose_name=_("OHCHR owner"))
    owner_mandate = models.ForeignKey(
        "mandates.Mandate", null=True, blank=True, on_delete=models.PROTECT,
        related_name="follow_up_actions", verbose_name=_("owning mandate"))
    # The owner's company (a contact's), kept beside the owner so that the visibility
    # rule and the board's "overdue per company" are one indexed column.
    company = models.ForeignKey("companies.Company", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="follow_up_actions",
                                editable=False)
    due_on = models.DateField(_("due on"), help_text=_("A date on the Geneva calendar."))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.OPEN)
    closing_note = models.TextField(_("closing note"), blank=True,
                                    help_text=_("What was done, or why it was dropped."))
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    # The first Geneva date on which the reminder planner must look at this action again
    # (dialogues/reminders.py); null once closed or once every step has been planned.
    next_reminder_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        constraints = [
            # One source: a dialogue, or a letter (with or without the reply).
            models.CheckConstraint(
                condition=(Q(dialogue__isnull=False, communication__isnull=True,
                             response__isnull=True)
                           | Q(dialogue__isnull=True, communication__isnull=False)),
                name="action_one_source",
                violation_error_message=_("An action comes from a dialogue or a letter."),
            ),
            models.CheckConstraint(
                condition=(Q(owner_kind="contact", owner_contact__isnull=False)
                           | Q(owner_kind="staff", owner_user__isnull=False)
                           | Q(owner_kind="mandate", owner_mandate__isnull=False)),
                name="action_has_its_owner",
                violation_error_message=_("Name the action's owner."),
            ),
        ]
        indexes = [
            models.Index(fields=["company", "due_on"], name="action_company_due_on"),
            models.Index(fields=["due_on"], name="action_pending_due_on",
                         condition=Q(status__in=["open", "in_progress"])),
            # The planner's work list, as for letters: the few actions due a look today.
            models.Index(fields=["next_reminder_on"], name="action_next_reminder_on",
                         condition=Q(next_reminder_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status in CLOSED_STATUSES and not self.closing_note.strip():
            errors["closing_note"] = gettext(
                "Say what was done, or why the action was dropped.")
        dialogue = self.dialogue if self.dialogue_id else None
        letter = self.communication if self.communication_id else None
        reply = self.response if self.response_id else None
        if dialogue is not None and self.due_on and self.due_on < dialogue.held_on:
            errors["due_on"] = gettext(
                "An action from a dialogue is due on or after the dialogue (%(date)s).") % {
                "date": date_format(dialogue.held_on, "DATE_FORMAT")}
        if letter is not None and self.due_on and self.due_on < letter.sent_on:
            errors["due_on"] = gettext(
                "An action from a letter is due on or after the letter was sent (%(date)s).") % {
                "date": date_format(letter.sent_on, "DATE_FORMAT")}
        if (reply is not None and letter is not None
                and reply.communication_id != letter.pk):
            errors["response"] = gettext("The reply must be to the same letter.")
        if self.owner_kind == OwnerKind.CONTACT:
            contact = self.owner_contact if self.owner_contact_id else None
            if contact is None:
                errors["owner_contact"] = gettext("Choose the owner at the company.")
            elif self.dialogue_id and not DialogueCompany.objects.filter(
                    dialogue_id=self.dialogue_id, company_id=contact.company_id).exists():
                errors["owner_contact"] = gettext(
                    "The owner must work for a company that took part in the dialogue.")
            elif letter is not None and contact.company_id != letter.company_id:
                errors["owner_contact"] = gettext(
                    "The owner must work for the company the letter is to.")
        elif self.owner_kind == OwnerKind.STAFF:
            user = self.owner_user if self.owner_user_id else None
            if user is None or not user.is_ohchr_staff:
                errors["owner_user"] = gettext("Choose an OHCHR staff member as the owner.")
        elif self.owner_kind == OwnerKind.MANDATE and not self.owner_mandate_id:
            errors["owner_mandate"] = gettext("Choose the mandate that owns the action.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_pending and self.due_on < (today or office_today())

    @property
    def owner_display(self) -> str:
        if self.owner_kind == OwnerKind.CONTACT and self.owner_contact:
            return f"{self.owner_contact.name} ({self.owner_contact.company.name})"
        if self.owner_kind == OwnerKind.STAFF and self.owner_user:
            name = self.owner_user.get_full_name() or self.owner_user.get_username()
            return f"{name} (OHCHR)"
        if self.owner_kind == OwnerKind.MANDATE and self.owner_mandate:
            return self.owner_mandate.display_short_name
        return ""


class ActionStep(models.TextChoices):
    BEFORE_DUE = "before_due", _("Action due soon")
    OVERDUE = "overdue", _("Action overdue")


class ActionReminder(OutboxMessage):
    """One email about one follow-up action, at one step, to one person: the outbox of
    reminders/models.py, delivered by reminders/services.py like every other row."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE,
                               related_name="reminders", db_index=False)
    kind = models.CharField(max_length=12, choices=ActionStep.choices)
    # "2024-06-17/before_due": the due date is part of it, so a moved due date gives
    # the action a fresh schedule instead of colliding with the old one.
    step = models.CharField(max_length=40)
    due_on = models.DateField()
    scheduled_on = models.DateField()
    contact = models.ForeignKey("companies.Contact", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-scheduled_on", "action", "recipient_email"]
        verbose_name = _("action reminder")
        constraints = [
            # The duplicate guard: a second planner or a retried task inserts nothing.
            models.UniqueConstraint(fields=["action", "step", "recipient_email"],
                                    name="one_action_reminder_per_step_and_recipient"),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="action_reminder_pending_next",
                         condition=Q(state="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.step}) to {self.recipient_email}"

