from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics")

    def ready(self) -> None:
        # The sections this app gives the topic page and the digest (topics/sections.py).
        # The weekly topic digests ride the one outbox (reminders/outboxes.py).
        from reminders import services
        from reminders.outboxes import Outbox, outbox_register
        from reminders.queue import queue_topic_digests
        from topics import providers  # noqa: F401
        from topics.models import TopicDigest

        outbox_register(Outbox(
            name="topic-digests", model=TopicDigest, queue=queue_topic_digests,
            deliver=lambda ids, owner: services.topic_digests_deliver(digest_ids=ids,
                                                                      owner=owner)))
