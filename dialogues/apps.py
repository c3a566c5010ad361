from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogues and follow-up actions")

    def ready(self) -> None:
        # The sections this app gives the topic page and the digest (topics/sections.py).
        from dialogues import topic_sections  # noqa: F401

        # Its action reminders ride the one outbox (reminders/outboxes.py).
        from dialogues.models import ActionReminder
        from reminders import services
        from reminders.outboxes import Outbox, outbox_register
        from reminders.queue import queue_action_reminders

        outbox_register(Outbox(
            name="action-reminders", model=ActionReminder, queue=queue_action_reminders,
            deliver=lambda ids, owner: services.action_reminders_deliver(reminder_ids=ids,
                                                                         owner=owner)))
