from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_columns
from mandates.models import Mandate, MandateHolder


class MandateHolderInline(admin.TabularInline[MandateHolder, Mandate]):
    model = MandateHolder
    extra = 0
    fields = ["name", "term_start", "term_end"]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin[Mandate]):
    list_display = ["short_name", "title", "mandate_type", "kind", "country", "established_on"]
    list_filter = ["mandate_type", "kind"]
    search_fields = [*translated_columns(Mandate, *Mandate.TRANSLATED_FIELDS), "holders__name"]
    inlines = [MandateHolderInline]
    fieldsets = (
        (None, {"fields": ["title", "short_name", "mandate_type", "kind", "country"]}),
        (_("Origin and scope"), {"fields": ["established_on", "established_by", "covers"]}),
        # Blank: the English shows instead.
        (_("In French"), {"fields": ["title_fr", "short_name_fr", "covers_fr"]}),
        (_("In Spanish"), {"fields": ["title_es", "short_name_es", "covers_es"]}),
    )


@admin.register(MandateHolder)
class MandateHolderAdmin(admin.ModelAdmin[MandateHolder]):
    list_display = ["name", "mandate", "term_start", "term_end"]
    list_select_related = ["mandate"]
    list_filter = ["mandate__mandate_type"]
    search_fields = ["name", "mandate__short_name", "mandate__title"]
    autocomplete_fields = ["mandate"]
