from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from btech.admin_pagination import EstimatedCountPaginator
from engagements.models import Communication
from reminders import services
from reminders.models import (
    CompanySchedule,
    DeliveryState,
    Digest,
    FailedReminder,
    PlanningError,
    Reminder,
)

_DELIVERY_FIELDS = ["state", "attempts", "possible_duplicates", "last_error", "cancel_reason",
                    "next_attempt_at", "claimed_until", "claimed_by", "sending_since",
                    "created_at", "sent_at"]


class ReminderInline(admin.TabularInline[Reminder, Communication]):
    """What the letter's reminders were: what, to whom, when, and what became of them."""

    model = Reminder
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["scheduled_on", "kind", "days_before_due", "recipient_email", "reason", "state",
              "attempts", "sent_at", "possible_duplicates", "last_error"]
    readonly_fields = ["scheduled_on", "kind", "days_before_due", "recipient_email", "reason",
                       "state", "attempts", "sent_at", "possible_duplicates", "last_error"]
    ordering = ["-scheduled_on", "recipient_email"]
    verbose_name_plural = _("reminders sent and planned")

    def has_add_permission(self, request: HttpRequest, obj: Communication | None = None) -> bool:
        return False


@admin.register(PlanningError)
class PlanningErrorAdmin(admin.ModelAdmin[PlanningError]):
    """The letters the planner skips, each with the reason: correct the letter (its
    dates, usually) and the next pass plans it and removes it from this list."""

    list_display = ["letter", "error", "first_failed_at", "last_failed_at"]
    list_select_related = ["communication"]
    search_fields = ["communication__reference"]
    fields = readonly_fields = ("letter", "error", "first_failed_at", "last_failed_at")

    @admin.display(description=_("Letter"), ordering="communication__reference")
    def letter(self, obj: PlanningError) -> str:
        url = reverse("admin:engagements_communication_change", args=[obj.communication_id])
        return format_html('<a href="{}">{}</a>', url, obj.communication.reference)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the planner writes these

    def has_change_permission(self, request: HttpRequest,
                              obj: PlanningError | None = None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin[Reminder]):
    list_display = ["communication", "kind", "scheduled_on", "recipient_email", "reason",
                    "state", "attempts", "sent_at", "possible_duplicates", "short_error"]
    list_filter = ["state", "kind", "reason", "scheduled_on", "possible_duplicates"]
    list_select_related = ["communication"]
    search_fields = ["communication__reference", "recipient_email"]
    date_hierarchy = "scheduled_on"
    readonly_fields = ["communication", "kind", "step", "due_on", "days_before_due",
                       "scheduled_on", "contact", "reason", "recipient_email",
                       "recipient_name", *_DELIVERY_FIELDS]
    actions = ["retry", "cancel"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the planner writes reminders; staff retry or cancel them

    @admin.display(description=_("Last error"))
    def short_error(self, obj: Reminder) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Send the selected failed reminders again"),
                  permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Reminder]) -> None:
        count = services.reminders_retry(reminder_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%(count)d failed reminder queued again.",
                                            "%(count)d failed reminders queued again.",
                                            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Cancel the selected pending or failed reminders"),
                  permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[Reminder]) -> None:
        count = services.reminders_cancel(
            reminder_ids=queryset.values_list("pk", flat=True),
            reason=f"Cancelled by {request.user}.",
        )
        self.message_user(request, ngettext("%(count)d reminder cancelled.",
                                            "%(count)d reminders cancelled.",
                                            count) % {"count": count}, messages.SUCCESS)


@admin.register(FailedReminder)
class FailedReminderAdmin(ReminderAdmin):
    list_filter = ["kind", "reason"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reminder]:
        return super().get_queryset(request).filter(state=DeliveryState.FAILED)


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin[Digest]):
    list_display = ["week_of", "recipient_email", "state", "attempts", "sent_at"]
    list_filter = ["state", "week_of"]
    search_fields = ["recipient_email"]
    readonly_fields = ["week_of", "recipient", "recipient_email", "recipient_name",
                       *_DELIVERY_FIELDS]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(CompanySchedule)
class CompanyScheduleAdmin(admin.ModelAdmin[CompanySchedule]):
    list_display = ["company", "days_before_due", "on_due_date", "first_overdue_after_days",
                    "overdue_every_days"]
    autocomplete_fields = ["company"]
