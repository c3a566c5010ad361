from __future__ import annotations

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Deliveries ride the reminders' outbox machinery: re-queued and planned by its
        # planner pass, sent by its worker (reminders/outboxes.py).
        from reminders.outboxes import Outbox, outbox_register
        from reminders.queue import queue_webhooks
        from webhooks import services
        from webhooks.models import WebhookDelivery

        outbox_register(Outbox(
            name="webhooks", model=WebhookDelivery,
            deliver=lambda ids, owner: services.deliveries_deliver(delivery_ids=ids,
                                                                   owner=owner),
            queue=queue_webhooks, plan=services.scheduled_events_plan,
        ))
