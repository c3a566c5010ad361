"""`?topic=<slug>` for the letter and mandate lists, in the API and on the pages.

Several topics select what carries any of them (`?topic=a&topic=b`); a broad area
selects what carries it or any topic under it. An unknown slug is a 400 naming the
field (a form error on a page), as for every other filter.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from topics.forms import thesaurus_order
from topics.models import SLUG, Topic


class TopicSelect(forms.Select):
    """One list on the pages, several values in the query string: the API's
    `?topic=a&topic=b` and a page's single choice read the same way."""

    allow_multiple_selected = False

    def value_from_datadict(self, data: Any, files: MultiValueDict[str, Any],
                            name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [value for value in values if value]


class TopicFilterField(forms.ModelMultipleChoiceField[Topic]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty_label = _("Any topic")  # the list's first, empty, choice

    def clean(self, value: Any) -> Any:
        # Only slugs reach the query: anything else (a NUL byte, which PostgreSQL text
        # cannot hold) is an unknown topic, as any slug that names none.
        for item in value if isinstance(value, (list, tuple)) else []:
            if not isinstance(item, str) or not SLUG.fullmatch(item):
                raise forms.ValidationError(self.error_messages["invalid_choice"],
                                            code="invalid_choice", params={"value": item})
        return super().clean(value)

    def label_from_instance(self, obj: Topic) -> str:
        if obj.parent is None:
            return obj.display_name
        return f"{obj.parent.display_name} › {obj.display_name}"


class TopicFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = TopicFilterField

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Topic"))
        kwargs.setdefault("help_text", _("A topic's slug, e.g. artificial-intelligence; "
                                         "repeat for several. An area includes its topics."))
        super().__init__(
            field_name="topics", to_field_name="slug", widget=TopicSelect,
            queryset=Topic.objects.select_related("parent").order_by(*thesaurus_order()),
            **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        covered = Topic.objects.filter(pk__in=[topic.pk for topic in value]).with_children()
        # A subquery of ids: the join to topics must not repeat a row carrying two.
        tagged = qs.model._default_manager.filter(topics__in=covered).values("pk")
        return qs.filter(pk__in=tagged)
