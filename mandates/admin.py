from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_columns
from mandates import services
from mandates.models import Mandate, MandateHolder


class MandateHolderInline(admin.TabularInline[MandateHolder, Mandate]):
    """The terms, to read: a term is recorded or corrected on its own page (Mandate
    holders), through mandates/services.py, so the term rules always apply."""

    model = MandateHolder
    extra = 0
    fields = ("name", "term_start", "term_end")
    readonly_fields = ("name", "term_start", "term_end")
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin[Mandate]):
    list_display = ["short_name", "title", "mandate_type", "kind", "country", "established_on"]
    list_filter = ["mandate_type", "kind", "topics"]
    search_fields = [*translated_columns(Mandate, *Mandate.TRANSLATED_FIELDS), "holders__name"]
    autocomplete_fields = ["topics"]
    inlines = [MandateHolderInline]
    fieldsets = (
        (None, {"fields": ["title", "short_name", "mandate_type", "kind", "country"]}),
        (_("Origin and scope"), {"fields": ["established_on", "established_by", "covers",
                                            "topics"]}),
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

    # --- writes: through mandates.services, as from the mandate's page --------------

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        # The form has checked the input; the service may still refuse (a term recorded
        # meanwhile takes the seat). Django's transaction has undone the save: say why.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: MandateHolder, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        if change:
            saved = services.holder_update(holder=obj, name=data["name"],
                                           term_start=data["term_start"],
                                           term_end=data["term_end"])
        else:
            saved = services.holder_record(mandate=data["mandate"], name=data["name"],
                                           term_start=data["term_start"],
                                           term_end=data["term_end"])
        obj.pk = saved.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: MandateHolder) -> None:
        services.holder_delete(holder=obj)

    def delete_queryset(self, request: HttpRequest,
                        queryset: QuerySet[MandateHolder]) -> None:
        for holder in queryset:
            services.holder_delete(holder=holder)
