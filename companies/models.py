from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.visibility import restrict_to_scope
from btech.i18n import product_languages


class HumanRightsFunction(models.TextChoices):
    """Where human-rights work sits inside the company."""

    DEDICATED_TEAM = "dedicated_team", _("Dedicated human-rights team")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    LEGAL = "legal", _("Legal")
    HUMAN_RESOURCES = "human_resources", _("Human resources")
    OPERATIONS = "operations", _("Operations")
    COMMUNICATIONS = "communications", _("Communications")


class CompanyQuerySet(models.QuerySet["Company"]):
    def search(self, text: str) -> CompanyQuerySet:
        """Companies whose current or any former name contains `text`."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(pk__in=CompanyFormerName.objects.filter(name__icontains=text).values("company"))
        )


class Company(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text=_("The current name."))
    headquarters_country = CountryField(blank=True)
    website = models.URLField(blank=True)
    human_rights_function = models.CharField(
        max_length=20, choices=HumanRightsFunction.choices, blank=True,
        help_text=_("Where human-rights work sits in the company."),
    )
    has_ungp_policy = models.BooleanField(
        _("publishes a UNGP policy"), default=False,
        help_text=_("Publishes a human-rights policy that refers to the UN Guiding Principles."),
    )
    is_btech_member = models.BooleanField(
        _("B-Tech Community of Practice"), default=False,
        help_text=_("Member of the B-Tech company Community of Practice."),
    )

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name

    def name_on(self, day: dt.date) -> str:
        """The name the company went by on `day` (letters keep the name they were sent to)."""
        for former in self.former_names.order_by("renamed_on"):
            if day < former.renamed_on:
                return former.name
        return self.name


class CompanyFormerName(models.Model):
    """A name the company used until `renamed_on` (Facebook, until Meta)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=200)
    renamed_on = models.DateField(help_text=_("The first day under the next name."))

    class Meta:
        ordering = ["company", "renamed_on"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="unique_former_name"),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} (until {self.renamed_on})"


class ContactRole(models.TextChoices):
    HUMAN_RIGHTS_LEAD = "hr_lead", _("Human-rights lead")
    ISSUE_OWNER = "issue_owner", _("Issue owner")
    SENIOR_EXECUTIVE = "senior_executive", _("Senior executive")


class ContactQuerySet(models.QuerySet["Contact"]):
    def visible_to(self, user: object) -> ContactQuerySet:
        """The contacts of the companies whose letters `user` may see: the letters' one
        visibility rule (accounts.visibility), so a deactivated account sees none."""
        return restrict_to_scope(self, user)


class Contact(models.Model):
    """A person at a company whom letters and reminders reach."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=ContactRole.choices)
    job_title = models.CharField(max_length=200, blank=True)
    # Blank: not known. Emails then follow the contact's account, if they chose a
    # language there, or else the letter's own language (reminders.emails).
    language = models.CharField(
        _("language"), max_length=7, blank=True, choices=product_languages,
        help_text=_("The language of the emails this contact receives; blank: the "
                    "language of each letter."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contact", help_text=_("The contact's sign-in account, if they have one."),
    )
    # A date rather than a flag: people pause for a leave, and forget to resume.
    reminders_paused_until = models.DateField(
        null=True, blank=True,
        help_text=_("No routine deadline reminders up to and including this date. "
                    "Escalations of overdue letters to senior executives are always sent."),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["company", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "email"], name="unique_contact_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.company})"

    def clean(self) -> None:
        if self.user_id and self.user and self.user.company_id not in (None, self.company_id):
            raise ValidationError({"user": gettext("This account belongs to another company.")})
