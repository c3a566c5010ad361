from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_columns
from topics.models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin[Topic]):
    list_display = ["name", "parent", "slug", "position"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = translated_columns(Topic, *Topic.TRANSLATED_FIELDS)
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = (
        (None, {"fields": ["name", "slug", "parent", "position", "description"]}),
        # Blank: the English shows instead.
        (_("In French"), {"fields": ["name_fr", "description_fr"]}),
        (_("In Spanish"), {"fields": ["name_es", "description_es"]}),
    )
