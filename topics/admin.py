from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_columns
from topics.models import Topic, TopicDigest, TopicFollow


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


@admin.register(TopicFollow)
class TopicFollowAdmin(admin.ModelAdmin[TopicFollow]):
    list_display = ["user", "topic", "created_at"]
    list_select_related = ["user", "topic"]
    list_filter = [("topic", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__email", "topic__name"]
    readonly_fields = ["user", "topic", "created_at"]

    # People follow topics themselves (the topic page, the API); staff may only look,
    # or remove an entry.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TopicDigest)
class TopicDigestAdmin(admin.ModelAdmin[TopicDigest]):
    """The weekly topic digests in the outbox: read only, like the staff digests."""

    list_display = ["week_of", "recipient_email", "state", "attempts", "sent_at",
                    "cancel_reason"]
    list_filter = ["state", "week_of"]
    search_fields = ["recipient_email"]
    readonly_fields = [field.name for field in TopicDigest._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
