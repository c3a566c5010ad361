from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics")

    def ready(self) -> None:
        # The sections this app gives the topic page and the digest (topics/sections.py).
        from topics import providers  # noqa: F401
