from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, QuerySet
from django.forms import TextInput
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html

from btech.admin_pagination import EstimatedCountPaginator
from btech.office_time import office_today
from engagements import services
from engagements.deadlines import DeadlineStatus
from engagements.history import render_letter_history
from engagements.models import Communication, InformalNote, Response, ResponseKind
from engagements.presentation import STATUS_COLOURS, days_remaining_words

if TYPE_CHECKING:
    from accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The admin only serves signed-in staff, so the request's user is a real User."""
    return cast("User", request.user)


class DeadlineStatusFilter(admin.SimpleListFilter):
    title = "deadline status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return list(DeadlineStatus.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Communication]) -> Any:
        if self.value() in DeadlineStatus.values:
            return queryset.with_status(self.value())  # type: ignore[attr-defined]
        return queryset


class SentYearFilter(admin.SimpleListFilter):
    title = "year sent"
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        # MIN and MAX are two probes of the sent_on index; DISTINCT years would read every
        # row. Letters go out every year, so the range has no empty years in practice.
        span = Communication.objects.aggregate(first=Min("sent_on"), last=Max("sent_on"))
        if span["first"] is None:
            return []
        years = range(span["last"].year, span["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Communication]) -> Any:
        if self.value() and self.value().isdigit():  # type: ignore[union-attr]
            return queryset.filter(sent_on__year=int(self.value()))  # type: ignore[arg-type]
        return queryset


class ResponseInlineFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        finals = [form for form in self.forms
                  if form.cleaned_data.get("kind") == ResponseKind.FINAL
                  and not form.cleaned_data.get("DELETE")]
        if len(finals) > 1:
            raise ValidationError("A letter has one final reply; log the others as interim.")


class ResponseInline(admin.StackedInline):
    model = Response
    formset = ResponseInlineFormSet
    extra = 0
    fields = ["kind", "received_on", "body", "attachment", "logged_by", "logged_at"]
    readonly_fields = ["logged_by", "logged_at"]


class InformalNoteInline(admin.StackedInline):
    model = InformalNote
    extra = 0
    fields = ["kind", "noted_on", "body", "author"]
    readonly_fields = ["author"]


@admin.register(Communication)
class CommunicationAdmin(admin.ModelAdmin):
    list_display = ["reference", "recipient", "mandate_list", "sent_on", "due_on",
                    "status_badge", "days_left"]
    list_filter = [DeadlineStatusFilter, "letter_type", "mandates", "company", SentYearFilter]
    # The search itself is Communication.objects.search (get_search_results below): the
    # same rule as the API and the web pages. This list only turns the search box on.
    search_fields = ["reference"]
    search_help_text = "Reference, subject, or company name (current or former)."
    date_hierarchy = "sent_on"
    autocomplete_fields = ["company", "mandates", "assignee"]
    list_select_related = ["company"]
    list_per_page = 50
    ordering = ["-sent_on", "-pk"]  # the newest letters first, over the sent_on index
    formfield_overrides = {models.CharField: {"widget": TextInput(attrs={"size": 80})}}
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    inlines = [ResponseInline, InformalNoteInline]
    readonly_fields = ["addressed_to", "due_on", "public_on", "status_badge", "days_left",
                       "extension_granted_by", "extension_granted_at", "history"]
    fieldsets = (
        (None, {"fields": ["reference", "letter_type", "mandates", "company", "addressed_to",
                           "sent_on", "language", "subject", "summary", "letter"]}),
        ("Deadline", {"fields": ["due_on", "public_on", "status_badge", "days_left",
                                 "press_release_on"]}),
        ("Routing", {"fields": ["assignee"]}),
        ("Extension", {"fields": ["extended_to", "extension_reason", "extension_granted_by",
                                  "extension_granted_at"],
                       "classes": ["collapse"]}),
        ("History", {"fields": ["history"], "classes": ["collapse"]}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Communication]:
        return super().get_queryset(request).prefetch_related("mandates")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Communication], search_term: str
    ) -> tuple[QuerySet[Communication], bool]:
        return queryset.search(search_term), False  # type: ignore[attr-defined]

    @admin.display(description="Company", ordering="company__name")
    def recipient(self, obj: Communication) -> str:
        if obj.addressed_to and obj.addressed_to != obj.company.name:
            return f"{obj.company.name} (sent to {obj.addressed_to})"
        return obj.company.name

    @admin.display(description="Mandates")
    def mandate_list(self, obj: Communication) -> str:
        return ", ".join(mandate.short_name for mandate in obj.mandates.all())

    @admin.display(description="Status")
    def status_badge(self, obj: Communication) -> str:
        if obj.pk is None:
            return "-"
        status = obj.deadline_status(self._today())
        background, foreground = STATUS_COLOURS[status]
        return format_html(
            '<span style="background:{};color:{};padding:2px 8px;border-radius:10px;'
            'font-weight:600;white-space:nowrap">{}</span>',
            background, foreground, status.label,
        )

    @admin.display(description="Days left", ordering="due_on")
    def days_left(self, obj: Communication) -> str:
        if obj.pk is None or obj.final_reply_on is not None:
            return "-"  # answered: the status says how
        return days_remaining_words(obj, self._today())

    @admin.display(description="Changes to the letter, its replies and notes")
    def history(self, obj: Communication) -> str:
        if obj.pk is None:
            return "-"
        return render_letter_history(obj)

    def _today(self) -> Any:
        # One Geneva "today" per request would be ideal; computing it is cheap and pure.
        return office_today()

    def save_model(self, request: HttpRequest, obj: Communication, form: Any,
                   change: bool) -> None:
        if "extended_to" in form.changed_data or "extension_reason" in form.changed_data:
            obj.extension_granted_by = signed_in(request)
            obj.extension_granted_at = timezone.now()
        if "company" in form.changed_data or "sent_on" in form.changed_data:
            obj.addressed_to = ""  # recomputed on save for the new company or date
        super().save_model(request, obj, form, change)
        if "assignee" in form.changed_data and obj.assignee_id:
            services.assignee_notify(communication=obj)  # "assigned to you", on commit

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for removed in formset.deleted_objects:
            removed.delete()
        for instance in instances:
            if isinstance(instance, Response) and instance.logged_by_id is None:
                instance.logged_by = signed_in(request)
            if isinstance(instance, InformalNote) and instance.author_id is None:
                instance.author = signed_in(request)
            instance.save()
        formset.save_m2m()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Replies may have been added, changed or removed inline: re-read the final one.
        form.instance.refresh_reply_state()


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["communication", "kind", "received_on", "logged_by", "logged_at"]
    list_filter = ["kind"]
    list_select_related = ["communication", "logged_by"]
    search_fields = ["communication__reference"]
    autocomplete_fields = ["communication"]
    readonly_fields = ["logged_by", "logged_at"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def save_model(self, request: HttpRequest, obj: Response, form: Any, change: bool) -> None:
        if obj.logged_by_id is None:
            obj.logged_by = signed_in(request)
        super().save_model(request, obj, form, change)
        obj.communication.refresh_reply_state()

    def delete_model(self, request: HttpRequest, obj: Response) -> None:
        communication = obj.communication
        super().delete_model(request, obj)
        communication.refresh_reply_state()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Response]) -> None:
        communications = {response.communication for response in queryset}
        super().delete_queryset(request, queryset)
        for communication in communications:
            communication.refresh_reply_state()
