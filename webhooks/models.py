"""Webhook endpoints, the events they may receive, and the outbox of deliveries.

An endpoint belongs to a company (its systems, registered by its users or by OHCHR
staff) or to OHCHR (no company). It receives an event only when the event's object is
one its owner may see: the visibility rule (accounts/visibility.py), applied when the
event is written and again before each delivery.

Events and deliveries are written in the same transaction as the change they report
(the letter services, through engagements/hooks.py) or by the reminders planner's pass
(the calendar's events): one `WebhookEvent` per occurrence, one `WebhookDelivery` per
endpoint that wants it. Deliveries are rows of the one outbox (reminders.models
.OutboxRow), claimed, leased, retried and recorded by reminders/services.py.
"""

from __future__ import annotations

import secrets
import uuid
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.visibility import restrict_to_scope
from reminders.models import DeliveryState, OutboxRow
from webhooks.events import EVENTS

if TYPE_CHECKING:
    from accounts.models import User


def new_secret() -> str:
    """32 random bytes: the key receivers check signatures with."""
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpointQuerySet(models.QuerySet["WebhookEndpoint"]):
    def visible_to(self, user: User | Any) -> WebhookEndpointQuerySet:
        """The one visibility rule: staff see every endpoint, a company user their
        company's; OHCHR's own endpoints (no company) are staff's only."""
        return restrict_to_scope(self, user)


# The secret is left out of the history: it would outlive its rotation there.
# (Its history's related name: `events` is the field of the events it wants.)
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(),
                 exclude=["secret"],
                 obj_field=pghistory.ObjForeignKey(related_name="history_events"))
class WebhookEndpoint(models.Model):
    company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        help_text=_("The company whose systems receive the events; empty for OHCHR's "
                    "own systems, which receive every company's."),
    )
    url = models.URLField(_("URL"), max_length=500,
                          help_text=_("Where events are sent, by POST: https://..."))
    events = ArrayField(models.CharField(max_length=60), size=50,
                        help_text=_("The events this endpoint wants."))
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["company__name", "url", "pk"]
        verbose_name = _("webhook endpoint")
        indexes = [
            # Every write asks which active endpoints want an event: a handful of rows.
            models.Index(fields=["company"], name="webhook_endpoint_active",
                         condition=Q(is_active=True)),
        ]

    def __str__(self) -> str:
        return self.url

    def clean(self) -> None:
        from webhooks.sending import url_error

        errors: dict[str, str] = {}
        unknown = sorted(set(self.events or []) - EVENTS.keys())
        if unknown:
            errors["events"] = gettext("Unknown event: %(names)s. Known events: "
                                       "%(known)s.") % {"names": ", ".join(unknown),
                                                        "known": ", ".join(EVENTS)}
        elif not self.events:
            errors["events"] = gettext("Choose at least one event.")
        if self.url and (message := url_error(self.url)):
            errors["url"] = message
        if errors:
            raise ValidationError(errors)


class WebhookEvent(models.Model):
    """Something that happened to an object, once, whoever is told of it. Its id is the
    event id every endpoint receives, on every attempt: receivers drop duplicates by it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=60)
    subject = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    # Whose records the object belongs to when it happened (None: OHCHR's own).
    company = models.ForeignKey("companies.Company", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", db_index=False)
    # For the calendar's events: the date they are about (the due date, the public
    # date), so that each is written once however many passes see it.
    key = models.CharField(max_length=40, blank=True)
    occurred_at = models.DateTimeField()
    # The object as the API showed it when the event was first sent, then kept: every
    # endpoint and every attempt gets the same body.
    data = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            # The calendar's duplicate guard: two passes, or two planners, write it once.
            models.UniqueConstraint(fields=["type", "subject", "object_id", "key"],
                                    condition=~Q(key=""), name="one_scheduled_webhook_event"),
        ]
        indexes = [models.Index(fields=["subject", "object_id"], name="webhook_event_object")]

    def __str__(self) -> str:
        return f"{self.type} {self.subject} {self.object_id}"


class WebhookDelivery(OutboxRow):
    """One event to one endpoint: a row of the outbox, sent as a signed HTTP POST."""

    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE,
                              related_name="deliveries", db_index=False)
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE,
                                 related_name="deliveries")
    last_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The HTTP status of the last attempt."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            # The duplicate guard: one delivery of an event to an endpoint.
            models.UniqueConstraint(fields=["event", "endpoint"],
                                    name="one_delivery_per_event_and_endpoint"),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="webhook_pending_next",
                         condition=Q(state=DeliveryState.PENDING)),
            models.Index(fields=["updated_at"], name="webhook_failed",
                         condition=Q(state=DeliveryState.FAILED)),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.endpoint_id}"


class FailedWebhookDelivery(WebhookDelivery):
    """The failed deliveries on their own admin page: what staff must look at."""

    class Meta:
        proxy = True
        verbose_name = _("failed webhook delivery")
        verbose_name_plural = _("failed webhook deliveries")
