from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls for input")

    def ready(self) -> None:
        # The sections this app gives the topic page and the digest (topics/sections.py).
        from calls import topic_sections  # noqa: F401

        # Its reminders ride the one outbox: re-queued by the planner's pass and sent by
        # pending_deliver like every other row (reminders/outboxes.py).
        from calls.models import CallReminder
        from reminders import services
        from reminders.outboxes import Outbox, outbox_register
        from reminders.queue import queue_call_reminders

        outbox_register(Outbox(
            name="call-reminders", model=CallReminder, queue=queue_call_reminders,
            deliver=lambda ids, owner: services.call_reminders_deliver(reminder_ids=ids,
                                                                       owner=owner)))
