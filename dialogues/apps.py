from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogues and follow-up actions")

    def ready(self) -> None:
        # The sections this app gives the topic page and the digest (topics/sections.py).
        from dialogues import topic_sections  # noqa: F401
