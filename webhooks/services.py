"""Writes for webhooks: endpoints, events with their deliveries, delivery and retries.

Delivery is AT-LEAST-ONCE, by the outbox's machinery (reminders/services.py): a row is
claimed with a lease, POSTed, and only then marked sent, so a worker killed after the
receiver got the request but before that mark sends it again. Every attempt carries
the same event id (the body is built once and kept), so a receiver drops the duplicate
by it. At-most-once would lose events whenever a worker dies; a receiver cannot ask for
what it never heard of.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.visibility import owner_scope, owners_seeing, scope_includes
from engagements.models import Communication
from reminders.models import DeliveryState, OutboxRow
from reminders.queue import queue_webhooks
from reminders.services import DeliveryResult, backoff, outbox_deliver, outbox_retry
from webhooks import payloads, sending
from webhooks.events import EVENTS
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent, new_secret

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Company


# --- endpoints ------------------------------------------------------------------------

@transaction.atomic
def endpoint_create(*, company: Company | None, url: str, events: Iterable[str],
                    description: str = "", is_active: bool = True,
                    created_by: User | None) -> WebhookEndpoint:
    """Register an endpoint; its secret is generated here and shown to the person once."""
    endpoint = WebhookEndpoint(company=company, url=url.strip(), events=_unique(events),
                               description=description.strip(), is_active=is_active,
                               created_by=created_by)
    endpoint.full_clean()
    endpoint.save()
    return endpoint


class EndpointChanges(TypedDict, total=False):
    url: str
    events: Iterable[str]
    description: str
    is_active: bool


@transaction.atomic
def endpoint_update(*, endpoint: WebhookEndpoint,
                    **changes: Unpack[EndpointChanges]) -> WebhookEndpoint:
    """Change an endpoint (not its company, nor its secret: endpoint_secret_rotate)."""
    current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if "url" in changes:
        current.url = changes["url"].strip()
    if "events" in changes:
        current.events = _unique(changes["events"])
    if "description" in changes:
        current.description = changes["description"].strip()
    if "is_active" in changes:
        current.is_active = changes["is_active"]
    current.full_clean()
    current.save(update_fields=[*changes, "updated_at"])
    return current


@transaction.atomic
def endpoint_secret_rotate(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret, in force at once: every request from now on, retries of earlier
    events included, is signed with it."""
    current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    current.secret = new_secret()
    current.save(update_fields=["secret", "updated_at"])
    return current


@transaction.atomic
def endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    """Remove an endpoint with its deliveries (its events stay for the others)."""
    WebhookEndpoint.objects.select_for_update().filter(pk=endpoint.pk).delete()


def _unique(events: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in events))


# --- events ---------------------------------------------------------------------------

def event_emit(*, event_type: str, object_id: int, company_id: int | None,
               occurred_at: dt.datetime | None = None) -> WebhookEvent | None:
    """Write an event and one delivery per active endpoint that wants it and whose owner
    may see the object; queued for when the caller's transaction commits. Nothing is
    written when no endpoint wants it (one query)."""
    kind = EVENTS[event_type]  # a KeyError here is a programming error: fail loudly
    if kind.subject.sees is None:
        endpoint_ids = list(_wanting(event_type).filter(owners_seeing(company_id))
                            .values_list("pk", flat=True))
    else:
        wanting = list(_wanting(event_type).values_list("pk", "company_id"))
        seeing = _owners_seeing(kind.subject.sees, [object_id],
                                {owner for _, owner in wanting})
        endpoint_ids = [pk for pk, owner in wanting if object_id in seeing[owner]]
    if not endpoint_ids:
        return None
    with transaction.atomic():
        event = WebhookEvent.objects.create(
            type=event_type, subject=kind.subject.name, object_id=object_id,
            company_id=company_id, occurred_at=occurred_at or timezone.now())
        now = timezone.now()
        rows = WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(event=event, endpoint_id=pk, next_attempt_at=now)
             for pk in endpoint_ids])
        queue_webhooks([row.pk for row in rows])
    return event


def _owners_seeing(sees: Callable[[list[int], str], set[int]], ids: list[int],
                   owners: set[int | None]) -> dict[int | None, set[int]]:
    """For each endpoint owner (a company, None: OHCHR), which of `ids` it may see: one
    query per owner, through the subject's visibility rule."""
    return {owner: sees(ids, owner_scope(owner)) for owner in owners}


def object_event(event_type: str, object_id: int, company_id: int | None = None
                 ) -> WebhookEvent | None:
    """An event about a dialogue, a follow-up action or a call for input (the services
    of dialogues/ and calls/ call it in their transaction)."""
    return event_emit(event_type=event_type, object_id=object_id, company_id=company_id)


def letter_event(event_type: str, communication: Communication) -> WebhookEvent | None:
    return event_emit(event_type=event_type, object_id=communication.pk,
                      company_id=communication.company_id)


def _wanting(event_type: str) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(is_active=True, events__contains=[event_type])


# The calendar's events: the letters in each window, with the column whose date the
# event is about (its key: a new due date after an extension is a new event).
def _windows(today: dt.date) -> dict[str, tuple[QuerySet[Any], str]]:
    from dialogues.models import FollowUpAction

    back = today - dt.timedelta(days=settings.BTECH_WEBHOOK_CATCH_UP_DAYS)
    awaiting = Communication.objects.filter(final_reply_on__isnull=True)
    pending = FollowUpAction.objects.pending()
    return {
        # An action is due soon from the day its owner is reminded of it.
        "action.due_soon": (pending.filter(
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=settings.BTECH_ACTION_REMIND_DAYS_BEFORE)),
            "due_on"),
        "action.overdue": (pending.filter(due_on__lt=today, due_on__gte=back), "due_on"),
        "letter.due_soon": (awaiting.filter(
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=settings.BTECH_DUE_SOON_DAYS)), "due_on"),
        "letter.overdue": (awaiting.filter(due_on__lt=today, due_on__gte=back), "due_on"),
        "letter.published": (Communication.objects.filter(public_on__lte=today,
                                                          public_on__gte=back), "public_on"),
    }


def scheduled_events_plan(*, today: dt.date, now: dt.datetime, enqueue: bool = True
                          ) -> list[int]:
    """The calendar's events, written by the reminders planner's pass: a letter entering
    its due-soon window, passing its due date, becoming public. Each is written once
    (the unique key is the date it is about); a pass that missed days (an outage)
    catches up on the last BTECH_WEBHOOK_CATCH_UP_DAYS. Returns the deliveries written."""
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True)
                     .values_list("pk", "company_id", "events"))
    wanted = set(itertools.chain.from_iterable(events for _, _, events in endpoints))
    created: list[int] = []
    for event_type, (records, column) in _windows(today).items():
        if event_type not in wanted:
            continue
        subject = EVENTS[event_type].subject
        candidates = list(records.values_list("pk", "company_id", column))
        if not candidates:
            continue
        have = set(WebhookEvent.objects.filter(
            type=event_type, subject=subject.name,
            object_id__in=[pk for pk, _, _ in candidates],
        ).values_list("object_id", "key"))
        fresh = [(pk, company, day.isoformat()) for pk, company, day in candidates
                 if (pk, day.isoformat()) not in have]
        if not fresh:
            continue
        targets = [(pk, company) for pk, company, events in endpoints if event_type in events]
        seeing = (None if subject.sees is None else _owners_seeing(
            subject.sees, [pk for pk, _, _ in fresh], {owner for _, owner in targets}))
        with transaction.atomic():
            events = [WebhookEvent(type=event_type, subject=subject.name, object_id=pk,
                                   company_id=company, key=key, occurred_at=now)
                      for pk, company, key in fresh]
            # A second planner may have written some a moment ago: those are skipped,
            # and only the events this pass wrote get deliveries from it.
            WebhookEvent.objects.bulk_create(events, ignore_conflicts=True)
            ours = set(WebhookEvent.objects.filter(pk__in=[e.pk for e in events])
                       .values_list("pk", flat=True))
            rows = [WebhookDelivery(event=event, endpoint_id=endpoint, next_attempt_at=now)
                    for event in events if event.pk in ours
                    for endpoint, owner in targets
                    if (scope_includes(owner_scope(owner), event.company_id)
                        if seeing is None else event.object_id in seeing[owner])]
            WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
            ids = list(WebhookDelivery.objects.filter(event_id__in=ours)
                       .values_list("pk", flat=True))
            if enqueue:
                queue_webhooks(ids)
        created.extend(ids)
    return created


# --- delivery -------------------------------------------------------------------------

@dataclass(frozen=True)
class PreparedPost:
    url: str
    body: bytes
    headers: dict[str, str]


def _prepare(delivery: WebhookDelivery, today: dt.date) -> PreparedPost | str:
    """Recheck the truth before sending: the endpoint may be off, the object gone or
    out of its owner's sight since (a letter moved to another company)."""
    endpoint = WebhookEndpoint.objects.get(pk=delivery.endpoint_id)
    event = WebhookEvent.objects.get(pk=delivery.event_id)
    kind = EVENTS.get(event.type)
    if not endpoint.is_active:
        return "The endpoint has been switched off."
    if kind is None or event.type not in endpoint.events:
        return "The endpoint no longer asks for this event."
    exists, company_id = kind.subject.company_of(event.object_id)
    if not exists:
        return f"The {kind.subject.name} no longer exists."
    sees = kind.subject.sees
    if (not scope_includes(owner_scope(endpoint.company_id), company_id) if sees is None
            else event.object_id not in sees([event.object_id],
                                             owner_scope(endpoint.company_id))):
        return f"The endpoint's owner may no longer see this {kind.subject.name}."
    if event.data is None:
        data = kind.subject.render(event.object_id)
        if data is None:
            return f"The {kind.subject.name} no longer exists."
        # The first delivery to build the body keeps it; everyone sends that one.
        WebhookEvent.objects.filter(pk=event.pk, data__isnull=True).update(data=data)
        event.refresh_from_db(fields=["data"])
    assert event.data is not None
    body = payloads.body(event_id=str(event.pk), event_type=event.type,
                         occurred_at=event.occurred_at, subject=event.subject,
                         data=event.data)
    return PreparedPost(endpoint.url, body, {
        "Content-Type": "application/json",
        "User-Agent": sending.USER_AGENT,
        "X-Btech-Event": event.type,
        "X-Btech-Event-Id": str(event.pk),
        "X-Btech-Delivery": str(delivery.pk),
        sending.SIGNATURE_HEADER: sending.signature_header(endpoint.secret, body),
    })


class HttpTransport:
    """One signed POST per row, with the webhooks' own retry policy."""

    def __init__(self) -> None:
        self.max_attempts: int = settings.BTECH_WEBHOOK_MAX_ATTEMPTS

    def backoff(self, attempts: int) -> dt.timedelta:
        return backoff(attempts, settings.BTECH_WEBHOOK_RETRY_BASE_SECONDS)

    def send(self, row: OutboxRow, prepared: PreparedPost) -> None:
        try:
            outcome = sending.post(prepared.url, prepared.body, prepared.headers)
        except Exception:
            WebhookDelivery.objects.filter(pk=row.pk).update(last_status=None)
            raise
        WebhookDelivery.objects.filter(pk=row.pk).update(last_status=outcome.status)
        if 300 <= outcome.status < 400:
            raise sending.DeliveryFailed(f"HTTP {outcome.status}: redirects are not followed")
        if not 200 <= outcome.status < 300:
            raise sending.DeliveryFailed(f"HTTP {outcome.status}: {outcome.excerpt[:300]}")

    def reset(self) -> None:
        pass  # each request has its own connection

    def close(self) -> None:
        pass


def deliveries_deliver(*, delivery_ids: Iterable[int], owner: str | None = None
                       ) -> DeliveryResult:
    return outbox_deliver(model=WebhookDelivery, ids=delivery_ids, prepare=_prepare,
                          transport=HttpTransport(), owner=owner)


@transaction.atomic
def deliveries_retry(*, delivery_ids: Iterable[int]) -> int:
    """Staff send failed deliveries again (the receiver is fixed): same event, same id."""
    ids = outbox_retry(WebhookDelivery, delivery_ids)
    queue_webhooks(ids)
    return len(ids)


@transaction.atomic
def deliveries_cancel(*, delivery_ids: Iterable[int], reason: str) -> int:
    return WebhookDelivery.objects.filter(
        pk__in=list(delivery_ids), state__in=[DeliveryState.PENDING, DeliveryState.FAILED]
    ).update(state=DeliveryState.CANCELLED, cancel_reason=reason[:200], claimed_until=None,
             claimed_by="", updated_at=timezone.now())
