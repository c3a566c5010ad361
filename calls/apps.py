from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls for input")

    def ready(self) -> None:
        # The sections this app gives the topic page and the digest (topics/sections.py).
        from calls import topic_sections  # noqa: F401
