"""Calls for input in the admin, for OHCHR staff. Every write goes through calls.services,
as from the API and the pages; the lists stay fast on 100,000 rows (no full count, a
fixed number of queries per page)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from btech.admin_pagination import EstimatedCountPaginator
from btech.office_time import office_today
from calls import services
from calls.models import CallFollow, CallForInput, CallParticipation, CallReminder
from engagements.admin import signed_in


class ParticipationInline(admin.TabularInline[CallParticipation, CallForInput]):
    """Who intends to submit and who did: written by the companies (calls.services)."""

    model = CallParticipation
    extra = 0
    can_delete = False
    fields = ("company", "intends_to_submit", "intent_at", "submitted_on", "late",
              "may_publish", "recorded_at")
    readonly_fields = fields
    verbose_name_plural = _("companies taking part")

    def has_add_permission(self, request: HttpRequest, obj: CallForInput | None = None
                           ) -> bool:
        return False

    @admin.display(description=_("Late"), boolean=True)
    def late(self, obj: CallParticipation) -> bool:
        return obj.is_late


@admin.register(CallForInput)
class CallForInputAdmin(admin.ModelAdmin[CallForInput]):
    list_display = ["title", "mandate_list", "report_body", "report_year", "opened_on",
                    "deadline", "status"]
    list_filter = ["report_body", "report_year", "mandates"]
    search_fields = ["title", "title_fr", "title_es"]
    date_hierarchy = "deadline"
    autocomplete_fields = ["mandates"]
    filter_horizontal = ["topics"]
    list_per_page = 50
    ordering = ["-deadline", "-opened_on", "-pk"]  # the index's order: no sort
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = ["closed_at", "closed_by", "created_by", "created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ParticipationInline]
    fieldsets = (
        (None, {"fields": ["title", "mandates", "report_body", "report_session",
                           "report_year", "opened_on", "deadline", "official_url",
                           "languages", "questions", "topics"]}),
        (_("In French and Spanish"), {"fields": ["title_fr", "title_es"]}),
        (_("Closed early"), {"fields": ["closed_at", "closed_by"]}),
        (_("Record"), {"fields": ["created_by", "created_at", "updated_at"],
                       "classes": ["collapse"]}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[CallForInput]:
        return super().get_queryset(request).prefetch_related("mandates")

    @admin.display(description=_("Mandates"))
    def mandate_list(self, obj: CallForInput) -> str:
        return ", ".join(mandate.display_short_name for mandate in obj.mandates.all())

    @admin.display(description=_("Status"))
    def status(self, obj: CallForInput) -> str:
        return str(obj.status(office_today()).label) if obj.pk else "-"

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        # A service may still refuse what the form accepted: say why, nothing is saved.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: CallForInput, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        fields = {name: data[name] for name in services.CallChanges.__annotations__
                  if name in data}
        if change:
            call = services.call_update(call=obj, **{
                name: value for name, value in fields.items() if name in form.changed_data})
        else:
            call = services.call_create(**fields, created_by=signed_in(request))
        obj.pk = call.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        # Not super(): the mandates and topics were set by the service.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: CallForInput) -> None:
        services.call_delete(call=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CallForInput]) -> None:
        for call in queryset:
            services.call_delete(call=call)

    @admin.action(description=_("Close the selected calls now"))
    def close_calls(self, request: HttpRequest, queryset: QuerySet[CallForInput]) -> None:
        for call in queryset.filter(closed_at__isnull=True):
            services.call_close(call=call, closed_by=signed_in(request))

    actions = ["close_calls"]


@admin.register(CallParticipation)
class CallParticipationAdmin(admin.ModelAdmin[CallParticipation]):
    """Read-only here: a company writes its own participation (the call's page or API)."""

    list_display = ["call", "company", "intends_to_submit", "submitted_on", "may_publish"]
    list_filter = ["intends_to_submit", "may_publish"]
    list_select_related = ["call", "company"]
    search_fields = ["company__name", "call__title"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-pk"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CallFollow)
class CallFollowAdmin(admin.ModelAdmin[CallFollow]):
    list_display = ["call", "user", "created_at"]
    list_select_related = ["call", "user"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-pk"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CallReminder)
class CallReminderAdmin(admin.ModelAdmin[CallReminder]):
    """The reminders of calls for input in the one outbox: what went, to whom, and why
    not when it was cancelled."""

    list_display = ["call", "company", "step", "recipient_email", "state", "sent_at",
                    "cancel_reason"]
    list_filter = ["state"]
    list_select_related = ["call", "company"]
    search_fields = ["recipient_email", "call__title"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-pk"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
