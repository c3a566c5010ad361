from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API's shared pieces; an app only so that ready() wires the list cache."""

    name = "btech.api"
    label = "btech_api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from btech.api.list_cache import bump_generation
        from companies.models import Company, CompanyFormerName, Contact
        from engagements.models import Communication, Response
        from mandates.models import Mandate
        from topics.models import Topic

        # Everything a letter list shows, filters or searches on. Receivers are only
        # cache invalidation; no rule of the product lives in a signal.
        for model in (Communication, Response, Company, CompanyFormerName, Contact, Mandate):
            post_save.connect(bump_generation, sender=model,
                              dispatch_uid=f"api-count-save-{model._meta.label}")
            post_delete.connect(bump_generation, sender=model,
                                dispatch_uid=f"api-count-delete-{model._meta.label}")
        m2m_changed.connect(bump_generation, sender=Communication.mandates.through,
                            dispatch_uid="api-count-mandates")
        # A letter's topics: the rows show them and ?topic= filters on them.
        m2m_changed.connect(bump_generation, sender=Communication.topics.through,
                            dispatch_uid="api-count-topics")
        post_save.connect(bump_generation, sender=Topic, dispatch_uid="api-count-save-topic")
        post_delete.connect(bump_generation, sender=Topic,
                            dispatch_uid="api-count-delete-topic")
