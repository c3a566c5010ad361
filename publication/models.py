"""What the public register publishes besides the letter's own facts.

- ``PublicVersion``: the public (redacted) PDF of a letter or of one reply, uploaded and
  approved by OHCHR staff. The stored original of a letter or reply is confidential
  (victims' and sources' names are in it); only an approved public version is ever
  served on the register, and only from the letter's public date.
- ``WithheldReply``: a reply kept off the register at the company's documented request.
- ``RelatedLetter``: two tracked letters about the same case (stored both ways).
- ``StateLetter``: a related letter to a State, recorded by its reference only: it has
  no clock here, the State is not tracked.

Every model is tracked by django-pghistory: the letter's history says who uploaded and
who approved each public version, and when.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from btech.office_time import office_today
from engagements import deadlines
from engagements.references import NON_STATE_CODE, normalise_reference, parse_reference
from engagements.validators import validate_pdf


def public_upload_path(instance: PublicVersion, filename: str) -> str:
    # A random name, as for the originals: a file name may carry a victim's name.
    return f"public/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PublicVersion(models.Model):
    """The public (redacted) PDF of a letter (``response`` empty) or of one reply."""

    communication = models.ForeignKey("engagements.Communication", on_delete=models.CASCADE,
                                      related_name="public_versions")
    response = models.OneToOneField("engagements.Response", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="public_version")
    document = models.FileField(
        _("public version"), upload_to=public_upload_path, validators=[validate_pdf],
        help_text=_("The redacted PDF the public register serves."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField()
    # Empty until OHCHR staff approve this file; a new file needs a new approval.
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["communication_id", "response_id", "pk"]
        constraints = [
            # One public version of the letter itself; one per reply by the OneToOne.
            models.UniqueConstraint(fields=["communication"], condition=Q(response__isnull=True),
                                    name="one_public_version_per_letter"),
        ]

    def __str__(self) -> str:
        what = f"reply {self.response_id}" if self.response_id else "letter"
        return f"Public version of {what} of {self.communication_id}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def clean(self) -> None:
        if (self.response is not None and self.communication_id
                and self.response.communication_id != self.communication_id):
            raise ValidationError({"response": gettext("This reply is to another letter.")})


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class WithheldReply(models.Model):
    """A reply kept off the register at the company's documented request."""

    response = models.OneToOneField("engagements.Response", on_delete=models.CASCADE,
                                    related_name="withholding")
    # The reply's letter, kept here so that the letter's history lists this row.
    communication = models.ForeignKey("engagements.Communication", on_delete=models.CASCADE,
                                      related_name="withheld_replies")
    requested_on = models.DateField(_("requested on"),
                                    help_text=_("The date of the company's written request."))
    reason = models.TextField(_("reason"), help_text=_(
        "Why the reply is withheld, as the company's request says. Seen by OHCHR staff only."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["communication_id", "response_id"]
        verbose_name = _("withheld reply")
        verbose_name_plural = _("withheld replies")

    def __str__(self) -> str:
        return f"Reply {self.response_id} withheld"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.reason.strip():
            errors["reason"] = gettext("Say why the company asked to withhold the reply.")
        if self.requested_on and self.requested_on > office_today():
            errors["requested_on"] = gettext("A request cannot be dated in the future.")
        elif (self.requested_on and self.communication_id
              and self.requested_on < self.communication.sent_on):
            errors["requested_on"] = gettext("A request comes after the letter is sent.")
        if errors:
            raise ValidationError(errors)


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class RelatedLetter(models.Model):
    """One direction of a link between two tracked letters; the services write both."""

    communication = models.ForeignKey("engagements.Communication", on_delete=models.CASCADE,
                                      related_name="related_links")
    related = models.ForeignKey("engagements.Communication", on_delete=models.CASCADE,
                                related_name="+")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["communication_id", "related_id"]
        constraints = [
            models.UniqueConstraint(fields=["communication", "related"],
                                    name="one_link_per_pair_of_letters"),
            models.CheckConstraint(condition=~Q(communication=models.F("related")),
                                   name="letter_not_related_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.communication_id} related to {self.related_id}"


def state_reference_error(reference: str) -> str | None:
    """Why `reference` is not the reference of a letter to a State, or None."""
    parsed = parse_reference(normalise_reference(reference))
    if parsed is None:
        return gettext("Write the reference as TYPE CODE N/YEAR, e.g. AL USA 30/2025, with "
                       "the State's ISO-3 code.")
    if parsed.code == NON_STATE_CODE:
        return gettext("OTH marks a letter to a company: link it as a related letter to a "
                       "company instead, or write the State's ISO-3 code.")
    if not countries.alpha2(parsed.code):
        return gettext("%(code)s is not the ISO-3 code of a State (e.g. USA, FRA, BRA).") % {
            "code": parsed.code}
    return None


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class StateLetter(models.Model):
    """A related letter to a State (``AL USA 30/2025``): a reference, not a tracked letter."""

    communication = models.ForeignKey("engagements.Communication", on_delete=models.CASCADE,
                                      related_name="state_letters")
    reference = models.CharField(
        max_length=32, help_text=_("TYPE CODE N/YEAR with the State's ISO-3 code, e.g. "
                                   "AL USA 30/2025."))
    state = CountryField(editable=False)
    sent_on = models.DateField(_("sent on"))
    public_url = models.URLField(
        _("public link"), blank=True, max_length=500,
        help_text=_("The letter in the public communications database, when known."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["communication_id", "sent_on", "reference"]
        verbose_name = _("related letter to a State")
        verbose_name_plural = _("related letters to States")
        constraints = [
            models.UniqueConstraint(fields=["communication", "reference"],
                                    name="one_state_reference_per_letter",
                                    violation_error_message=_(
                                        "This letter is already related to that reference.")),
        ]

    def __str__(self) -> str:
        return self.reference

    def is_public(self, today: dt.date) -> bool:
        """Public once its 60 days have run (the same clock as every letter), or as soon
        as its public link is known."""
        return bool(self.public_url) or deadlines.is_public(
            deadlines.public_date(self.sent_on), today)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.reference = normalise_reference(self.reference or "")
        if message := state_reference_error(self.reference):
            errors["reference"] = message
        else:
            parsed = parse_reference(self.reference)
            assert parsed is not None
            self.reference = parsed.text
            self.state = countries.alpha2(parsed.code)
            if self.sent_on and parsed.year != self.sent_on.year:
                errors["sent_on"] = gettext(
                    "The reference year %(year)s is not the year the letter was sent "
                    "(%(sent_year)s).") % {"year": parsed.year, "sent_year": self.sent_on.year}
        if self.sent_on and self.sent_on > office_today():
            errors.setdefault("sent_on", gettext("A letter cannot be sent in the future."))
        elif self.sent_on and self.sent_on < deadlines.EARLIEST_SENT_ON:
            errors.setdefault("sent_on", gettext("A letter is sent in or after %(year)d.") % {
                "year": deadlines.EARLIEST_SENT_ON.year})
        if self.public_url and not self.public_url.startswith(("https://", "http://")):
            errors["public_url"] = gettext("Give an http:// or https:// address.")
        if errors:
            raise ValidationError(errors)
