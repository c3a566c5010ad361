"""Choosing topics on a form: every topic of the thesaurus, each under its broad area."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce

from topics.models import Topic


def thesaurus_order() -> list[Any]:
    """Areas in their order, each followed by its topics: the order of every list."""
    return [Coalesce("parent__position", "position"), Coalesce("parent_id", "id"),
            F("parent_id").asc(nulls_first=True), "position", "name"]


class TopicChoiceField(forms.ModelMultipleChoiceField[Topic]):
    """Check boxes, one per topic, "Area › Topic" for a topic within an area."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset=Topic.objects.select_related("parent")
                         .order_by(*thesaurus_order()), **kwargs)

    def label_from_instance(self, obj: Topic) -> str:
        if obj.parent is None:
            return obj.display_name
        return f"{obj.parent.display_name} › {obj.display_name}"

