from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, QuerySet
from django.forms import TextInput
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from btech.admin_pagination import EstimatedCountPaginator
from btech.office_time import office_today
from engagements import services
from engagements.deadlines import DeadlineStatus
from engagements.history import render_letter_history
from engagements.hooks import letter_hooks
from engagements.models import (
    Communication,
    CommunicationQuerySet,
    InformalNote,
    Response,
    ResponseKind,
)
from engagements.presentation import days_remaining_words

if TYPE_CHECKING:
    from accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The admin only serves signed-in staff, so the request's user is a real User."""
    return cast("User", request.user)


def _letters(queryset: QuerySet[Communication]) -> CommunicationQuerySet:
    """The admin types the querysets it hands to list filters and the search as plain
    QuerySets; they all come from CommunicationAdmin.get_queryset, so from
    Communication.objects, and have its queries."""
    return cast(CommunicationQuerySet, queryset)


class DeadlineStatusFilter(admin.SimpleListFilter):
    title = _("deadline status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any
                ) -> list[tuple[str, StrOrPromise]]:
        return list(DeadlineStatus.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Communication]
                 ) -> QuerySet[Communication]:
        status = self.value()
        if status in DeadlineStatus.values:
            return _letters(queryset).with_status(status)
        return queryset


class SentYearFilter(admin.SimpleListFilter):
    title = _("year sent")
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
        value = self.value()
        if not value:
            return queryset
        # ASCII digits of a year a date can hold: str.isdigit() also takes "²" and "١٢",
        # and year 0 or 99999 fails in the date lookup. Anything else is what the admin
        # calls incorrect lookup parameters: it shows the whole list with a warning.
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 9999):
            raise IncorrectLookupParameters(f"year={value!r} is not a year")
        return queryset.filter(sent_on__year=int(value))


class ResponseInlineFormSet(
        BaseInlineFormSet[Response, Communication, forms.ModelForm[Response]]):
    def clean(self) -> None:
        super().clean()
        finals = [form for form in self.forms
                  if form.cleaned_data.get("kind") == ResponseKind.FINAL
                  and not form.cleaned_data.get("DELETE")]
        if len(finals) > 1:
            raise ValidationError(gettext("A letter has one final reply; log the others as "
                                          "interim."))


class ResponseInline(admin.StackedInline[Response, Communication]):
    model = Response
    formset = ResponseInlineFormSet
    extra = 0
    fields = ["kind", "received_on", "body", "attachment", "logged_by", "logged_at"]
    readonly_fields = ["logged_by", "logged_at"]


class InformalNoteInline(admin.StackedInline[InformalNote, Communication]):
    model = InformalNote
    extra = 0
    fields = ["kind", "noted_on", "body", "author"]
    readonly_fields = ["author"]


class CommunicationAdminForm(forms.ModelForm[Communication]):
    """The model's own checks run as for any ModelForm; this adds the services' refusals
    that depend on the stored letter, so they show on the field instead of after saving."""

    handover_note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("With a new issue owner: a note for them, sent with their notice."),
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        extension_changed = {"extended_to", "extension_reason"} & set(self.changed_data)
        if self.instance.pk and extension_changed:
            try:
                services.extension_check(communication=self.instance)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(Communication)
class CommunicationAdmin(admin.ModelAdmin[Communication]):
    form = CommunicationAdminForm
    list_display = ["reference", "recipient", "mandate_list", "sent_on", "due_on",
                    "status_badge", "days_left"]
    list_filter = [DeadlineStatusFilter, "letter_type", "mandates", "company", SentYearFilter]
    # The search itself is Communication.objects.search (get_search_results below): the
    # same rule as the API and the web pages. This list only turns the search box on.
    search_fields = ["reference"]
    search_help_text = _("Reference, subject, or company name (current or former).")
    date_hierarchy = "sent_on"
    autocomplete_fields = ["company", "mandates", "assignee", "topics"]
    list_select_related = ["company"]
    list_per_page = 50
    ordering = ["-sent_on", "-pk"]  # the newest letters first, over the sent_on index
    formfield_overrides = {models.CharField: {"widget": TextInput(attrs={"size": 80})}}
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    inlines = [ResponseInline, InformalNoteInline]

    class Media:
        css = {"all": ["css/status.css"]}  # the status badge's colours

    readonly_fields = ["addressed_to", "due_on", "public_on", "status_badge", "days_left",
                       "extension_granted_by", "extension_granted_at", "acknowledged_at",
                       "acknowledged_by", "history"]
    fieldsets = (
        (None, {"fields": ["reference", "letter_type", "mandates", "company", "addressed_to",
                           "sent_on", "language", "subject", "summary", "letter", "topics"]}),
        ("Deadline", {"fields": ["due_on", "public_on", "status_badge", "days_left",
                                 "press_release_on"]}),
        ("Routing", {"fields": ["assignee", "handover_note", "acknowledged_at",
                                "acknowledged_by"]}),
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
        return _letters(queryset).search(search_term), False

    @admin.display(description=_("Company"), ordering="company__name")
    def recipient(self, obj: Communication) -> str:
        if obj.addressed_to and obj.addressed_to != obj.company.name:
            return gettext("%(company)s (sent to %(name)s)") % {
                "company": obj.company.name, "name": obj.addressed_to}
        return obj.company.name

    @admin.display(description=_("Mandates"))
    def mandate_list(self, obj: Communication) -> str:
        return ", ".join(mandate.display_short_name for mandate in obj.mandates.all())

    @admin.display(description=_("Status"))
    def status_badge(self, obj: Communication) -> str:
        if obj.pk is None:
            return "-"
        status = obj.deadline_status(self._today())
        # Colours from static/css/status.css (see Media): no style attribute, for the CSP.
        return format_html('<span class="badge--admin status--{}">{}</span>',
                           status.value, status.label)

    @admin.display(description=_("Days left"), ordering="due_on")
    def days_left(self, obj: Communication) -> str:
        if obj.pk is None or obj.final_reply_on is not None:
            return "-"  # answered: the status says how
        return days_remaining_words(obj, self._today())

    @admin.display(description=_("Changes to the letter, its replies and notes"))
    def history(self, obj: Communication) -> str:
        if obj.pk is None:
            return "-"
        return render_letter_history(obj)

    def _today(self) -> Any:
        # One Geneva "today" per request would be ideal; computing it is cheap and pure.
        return office_today()

    def get_inlines(self, request: HttpRequest, obj: Communication | None) -> list[Any]:
        return [*self.inlines, *letter_hooks().admin_inlines()]

    def render_change_form(self, request: HttpRequest, context: dict[str, Any],
                           add: bool = False, change: bool = False, form_url: str = "",
                           obj: Communication | None = None) -> Any:
        if obj is not None and obj.pk is not None:
            for warning in letter_hooks().admin_warnings(obj):
                self.message_user(request, warning, messages.WARNING)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- writes: each goes through engagements.services, as from the API and the web --

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        # The form and the formsets have checked the input; a service may still refuse
        # (another user changed the letter meanwhile). Django's own transaction around
        # the view has then undone every write of this save: say why, and show the page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: Communication, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        if change:
            letter = obj
            changes = {name: data[name] for name in form.changed_data
                       if name in services.LetterChanges.__annotations__}
            if "letter" in changes:
                changes["letter"] = changes["letter"] or None  # False: "clear" was ticked
            if changes:
                letter = services.communication_update(
                    communication=obj, **cast(services.LetterChanges, changes))
        else:
            letter = services.communication_create(
                reference=data["reference"], letter_type=data["letter_type"],
                mandates=data["mandates"], company=data["company"], sent_on=data["sent_on"],
                subject=data["subject"], summary=data["summary"], language=data["language"],
                letter=data["letter"] or None, assignee=data["assignee"],
                press_release_on=data["press_release_on"], logged_by=signed_in(request),
                handover_note=data["handover_note"], topics=data["topics"],
            )
        if change and "assignee" in form.changed_data:
            letter = services.communication_assign(
                communication=letter, assignee=data["assignee"],
                note=data["handover_note"], assigned_by=signed_in(request))
        if {"extended_to", "extension_reason"} & set(form.changed_data):
            services.deadline_extend(communication=letter, extended_to=data["extended_to"],
                                     reason=data["extension_reason"],
                                     granted_by=signed_in(request))
        # The admin goes on with `obj` (inlines, messages, redirect): make it the row the
        # services wrote.
        obj.pk = letter.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        # Not super(): the mandates were set by the service (no form.save_m2m()).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Response:
            _save_replies(formset, signed_in(request))
        elif formset.model is InformalNote:
            _save_notes(formset, signed_in(request))
        else:
            super().save_formset(request, form, formset, change)

    def delete_model(self, request: HttpRequest, obj: Communication) -> None:
        services.communication_delete(communication=obj)

    def delete_queryset(self, request: HttpRequest,
                        queryset: QuerySet[Communication]) -> None:
        for letter in queryset:
            services.communication_delete(communication=letter)


def _attachment_change(form: Any) -> tuple[Any, bool]:
    """The reply form's attachment as (new file or None, remove the stored one)."""
    if "attachment" not in form.changed_data:
        return None, False
    value = form.cleaned_data.get("attachment")
    return (value, False) if value else (None, True)


def _inline_changes(formset: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """An inline formset's rows as (removed objects, changed forms, added forms), for
    the services to write: removed first, then corrected, then added, so that a final
    reply can be replaced by another in one save."""
    formset.save(commit=False)
    kept = [form for form in formset.forms
            if form not in formset.deleted_forms and form.has_changed()]
    return (list(formset.deleted_objects),
            [form for form in kept if form.instance.pk is not None],
            [form for form in kept if form.instance.pk is None])


def _save_replies(formset: Any, user: User) -> None:
    removed, changed, added = _inline_changes(formset)
    for reply in removed:
        services.response_delete(response=reply)
    for form in changed:
        data = form.cleaned_data
        attachment, remove = _attachment_change(form)
        services.response_update(response=form.instance, kind=data["kind"],
                                 received_on=data["received_on"], body=data["body"],
                                 attachment=attachment, remove_attachment=remove)
    for form in added:
        data = form.cleaned_data
        services.response_log(communication=formset.instance, kind=data["kind"],
                              received_on=data["received_on"], body=data["body"],
                              attachment=data.get("attachment") or None, logged_by=user)


def _save_notes(formset: Any, user: User) -> None:
    removed, changed, added = _inline_changes(formset)
    for note in removed:
        services.note_delete(note=note)
    for form in changed:
        data = form.cleaned_data
        services.note_update(note=form.instance, kind=data["kind"],
                             noted_on=data["noted_on"], body=data["body"])
    for form in added:
        data = form.cleaned_data
        services.note_add(communication=formset.instance, kind=data["kind"],
                          noted_on=data["noted_on"], body=data["body"], author=user)


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin[Response]):
    list_display = ["communication", "kind", "received_on", "logged_by", "logged_at"]
    list_filter = ["kind"]
    list_select_related = ["communication", "logged_by"]
    search_fields = ["communication__reference"]
    autocomplete_fields = ["communication"]
    readonly_fields = ["logged_by", "logged_at"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def save_model(self, request: HttpRequest, obj: Response, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            attachment, remove = _attachment_change(form)
            reply = services.response_update(
                response=obj, kind=data["kind"], received_on=data["received_on"],
                body=data["body"], attachment=attachment, remove_attachment=remove)
        else:
            reply = services.response_log(
                communication=data["communication"], kind=data["kind"],
                received_on=data["received_on"], body=data["body"],
                attachment=data.get("attachment") or None, logged_by=signed_in(request))
        obj.pk = reply.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Response) -> None:
        services.response_delete(response=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Response]) -> None:
        for reply in queryset:
            services.response_delete(response=reply)
