"""The reminder outbox: one row per email that must go out, and its delivery state.

A row is written in the same transaction that decides it is due (the planner) or that
causes it (an assignment), and is the only duplicate guard needed: the unique constraint
on (letter, step, recipient) makes a second planner, a retried task or a redelivered
message a no-op. See services.py for how rows are claimed and delivered.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Reply due soon")
    DUE_TODAY = "due_today", _("Reply due today")
    OVERDUE = "overdue", _("Reply overdue")
    ASSIGNED = "assigned", _("Assigned to you")
    NEW_LETTER = "new_letter", _("New letter")
    # Receipt not acknowledged: the leads after BTECH_ACKNOWLEDGE_WITHIN_DAYS working
    # days, the senior executives after twice that (reminders/schedule.py).
    NOT_ACKNOWLEDGED = "not_acknowledged", _("Not yet acknowledged")
    ACKNOWLEDGEMENT_ESCALATION = "ack_escalation", _("Not acknowledged: escalated")


# The kinds that chase an acknowledgement of receipt, not a reply.
ACKNOWLEDGEMENT_KINDS = frozenset({StepKind.NOT_ACKNOWLEDGED,
                                   StepKind.ACKNOWLEDGEMENT_ESCALATION})
# The kinds sent once, when something happens to the letter, not on a schedule.
EVENT_KINDS = frozenset({StepKind.ASSIGNED, StepKind.NEW_LETTER})


class RecipientReason(models.TextChoices):
    ISSUE_OWNER = "issue_owner", _("Issue owner")
    HUMAN_RIGHTS_LEAD = "hr_lead", _("Human-rights lead")
    ESCALATION = "escalation", _("Senior executive (escalation)")
    OHCHR_STAFF = "ohchr_staff", _("OHCHR staff")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Decided before sending that it no longer applies (final reply, new due date,
    # new owner, superseded by a later step): kept so staff can see why nothing went out.
    CANCELLED = "cancelled", _("Cancelled")


class OutboxRow(models.Model):
    """Delivery bookkeeping shared by every outbox, whatever carries it (an email, an
    HTTP request): claimed, leased, retried and recorded by reminders/services.py."""

    state = models.CharField(max_length=10, choices=DeliveryState.choices,
                             default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    # Not before this instant (backoff after an error). The planner re-queues pending rows
    # whose moment has come, so nothing waits in the broker with a long countdown.
    next_attempt_at = models.DateTimeField()
    # A lease: the worker that claimed the row owns it until then, renewing it while it
    # sends. A worker killed while sending leaves its lease to expire, and the row is sent
    # by a later pass; or at once by the same task, redelivered by Celery when it reports
    # the pool process lost: `claimed_by` is the task's id, and that task may take its
    # own rows back (reminders/services.py).
    claimed_until = models.DateTimeField(null=True, blank=True)
    # (Defaults in the database too: the planner inserts rows with plain SQL.)
    claimed_by = models.CharField(max_length=64, blank=True, db_default="")
    # Set while the email is with the mail server, cleared with the outcome. Found set by
    # the next claim, it means a worker was lost mid-send: the email may have gone out.
    sending_since = models.DateTimeField(null=True, blank=True)
    possible_duplicates = models.PositiveSmallIntegerField(
        db_default=0, help_text=_("Times a worker was lost while sending this email, so that "
                                  "it may have reached the recipient once more than it says."))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OutboxMessage(OutboxRow):
    """An outbox row sent as an email: reminders and digests."""

    recipient_email = models.EmailField()
    recipient_name = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True


class Reminder(OutboxMessage):
    """One email about one letter, at one step of its schedule, to one person."""

    communication = models.ForeignKey(
        "engagements.Communication", on_delete=models.CASCADE, related_name="reminders",
        # No index of its own: the unique constraint's index starts with this column.
        db_index=False,
    )
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    # The step's identity, e.g. "2024-06-17/before_due/7": the due date is part of it, so
    # an extension gives the letter a fresh schedule instead of colliding with the old one.
    step = models.CharField(max_length=48)
    due_on = models.DateField(help_text=_("The due date this reminder was planned for."))
    days_before_due = models.SmallIntegerField(
        help_text=_("Positive before the due date, 0 on it, negative once overdue.")
    )
    scheduled_on = models.DateField(help_text=_("The Geneva date the step falls on."))
    contact = models.ForeignKey(
        "companies.Contact", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reminders",
    )
    reason = models.CharField(max_length=12, choices=RecipientReason.choices)

    class Meta:
        ordering = ["-scheduled_on", "communication", "recipient_email"]
        constraints = [
            # The duplicate guard: two planners, two workers or a redelivered task can at
            # worst try to insert the same row; the second insert does nothing.
            models.UniqueConstraint(fields=["communication", "step", "recipient_email"],
                                    name="one_reminder_per_step_and_recipient"),
        ]
        indexes = [
            # The retry list: pending rows by the moment they may go, tiny next to the rest.
            models.Index(fields=["next_attempt_at"], name="reminder_pending_next",
                         condition=Q(state=DeliveryState.PENDING)),
            models.Index(fields=["updated_at"], name="reminder_failed",
                         condition=Q(state=DeliveryState.FAILED)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.step}) to {self.recipient_email}"


class FailedReminder(Reminder):
    """The failed rows on their own admin page: what staff must look at."""

    class Meta:
        proxy = True
        verbose_name = _("failed reminder")


class Digest(OutboxMessage):
    """The weekly digest for one OHCHR staff member: what is due soon and what is overdue."""

    week_of = models.DateField(help_text=_("The digest day of the week it covers."))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="reminder_digests")

    class Meta:
        ordering = ["-week_of", "recipient_email"]
        constraints = [
            models.UniqueConstraint(fields=["week_of", "recipient"],
                                    name="one_digest_per_week_and_recipient"),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="digest_pending_next",
                         condition=Q(state=DeliveryState.PENDING)),
        ]

    def __str__(self) -> str:
        return f"Digest of {self.week_of} to {self.recipient_email}"


class CompanySchedule(models.Model):
    """A company's own reminder schedule, in place of the defaults in settings."""

    company = models.OneToOneField("companies.Company", on_delete=models.CASCADE,
                                   related_name="reminder_schedule")
    days_before_due = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1)]), size=12,
        help_text=_("Days before the due date on which to remind, e.g. 30,14,7,2."),
    )
    on_due_date = models.BooleanField(default=True,
                                      help_text=_("Remind on the due date itself."))
    first_overdue_after_days = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)],
        help_text=_("Days after the due date of the first overdue reminder (and escalation)."),
    )
    overdue_every_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1)],
        help_text=_("Days between overdue reminders after the first."),
    )

    class Meta:
        verbose_name = _("company reminder schedule")

    def __str__(self) -> str:
        return f"Reminder schedule of {self.company}"

    def clean(self) -> None:
        if len(set(self.days_before_due or [])) != len(self.days_before_due or []):
            raise ValidationError({"days_before_due": gettext("List each day once.")})


class PlanningError(models.Model):
    """A letter the planner cannot plan: staff must correct it, usually a date from
    before dates were bounded (a letter "sent" in year 1 is overdue by more days than a
    reminder can hold). The planner skips it and plans every other letter; it tries it
    again each day, and the first pass that plans it removes this row."""

    communication = models.OneToOneField(
        "engagements.Communication", on_delete=models.CASCADE, related_name="planning_error",
    )
    error = models.TextField()
    first_failed_at = models.DateTimeField()
    last_failed_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_failed_at"]
        verbose_name = _("letter the planner cannot plan")
        verbose_name_plural = _("letters the planner cannot plan")

    def __str__(self) -> str:
        return f"Cannot plan reminders for letter {self.communication_id}"


class PlannerHeartbeat(models.Model):
    """When the planner last finished a pass: what the health check reads."""

    name = models.CharField(max_length=40, primary_key=True)
    last_run_at = models.DateTimeField()
    last_duration_ms = models.PositiveIntegerField(default=0)
    last_planned = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} last ran {self.last_run_at:%Y-%m-%d %H:%M:%S}"
