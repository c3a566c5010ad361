"""The admin pages for OHCHR staff: every write goes through dialogues.services, and the
lists stay fast on large tables (no full count: btech.admin_pagination)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from btech.admin_pagination import EstimatedCountPaginator
from companies.models import Company
from dialogues import services
from dialogues.models import (
    ActionReminder,
    Dialogue,
    DialogueDocument,
    FollowUpAction,
    Question,
)
from engagements.admin import signed_in


class _ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A service may still refuse what the form accepted: say why, and save nothing."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class DialogueAdminForm(forms.ModelForm[Dialogue]):
    participant_companies = forms.ModelMultipleChoiceField(
        label=_("Companies taking part"), queryset=Company.objects.all(), required=False,
        widget=FilteredSelectMultiple(_("companies"), is_stacked=False),
        help_text=_("They, and OHCHR staff, see the dialogue; another company does not."))

    class Meta:
        model = Dialogue
        fields = ["title", "starts_at", "format", "organiser_kind", "organiser_mandate",
                  "organiser_company", "organiser_name", "mandates", "representatives",
                  "other_participants", "confidentiality", "agenda", "summary",
                  "public_summary", "letters", "topics"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["participant_companies"] = list(
                self.instance.participations.values_list("company_id", flat=True))


_DIALOGUE_FIELDS = ["title", "starts_at", "format", "organiser_kind", "organiser_mandate",
                    "organiser_company", "organiser_name", "other_participants",
                    "confidentiality", "agenda", "summary", "public_summary"]


@admin.register(Dialogue)
class DialogueAdmin(_ServiceAdmin):
    form = DialogueAdminForm
    list_display = ["title", "starts_at", "format", "confidentiality"]
    list_filter = ["format", "confidentiality"]
    search_fields = ["title", "participations__name_then"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["organiser_mandate", "organiser_company", "mandates",
                           "representatives", "letters", "topics"]

    def save_model(self, request: HttpRequest, obj: Dialogue, form: Any, change: bool) -> None:
        data = form.cleaned_data
        links = {"mandates": data["mandates"], "companies": data["participant_companies"],
                 "representatives": data["representatives"], "letters": data["letters"],
                 "topics": data["topics"]}
        fields = {name: data[name] for name in _DIALOGUE_FIELDS}
        if change:
            saved = services.dialogue_update(dialogue=obj, **links, **fields)
        else:
            saved = services.dialogue_create(created_by=signed_in(request), **links,
                                             **fields)
        obj.pk = saved.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        pass  # the service set the links (no form.save_m2m())

    def delete_model(self, request: HttpRequest, obj: Dialogue) -> None:
        services.dialogue_delete(dialogue=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Dialogue]) -> None:
        for dialogue in queryset:
            services.dialogue_delete(dialogue=dialogue)


QUESTION_FIELDS = ["dialogue", "asked_by_kind", "asked_by_mandate", "asked_by_company",
                   "asked_by_name", "addressed_to", "addressed_to_company", "text", "topic",
                   "answer", "answered_on"]


@admin.register(Question)
class QuestionAdmin(_ServiceAdmin):
    list_display = ["__str__", "dialogue", "asked_by_kind", "answered_on"]
    list_filter = ["asked_by_kind"]
    list_select_related = ["dialogue"]
    search_fields = ["text", "dialogue__title"]
    autocomplete_fields = ["dialogue", "asked_by_mandate", "asked_by_company",
                           "addressed_to_company", "topic"]
    fields = tuple(QUESTION_FIELDS)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Once recorded, a question's own fields are its record; the answer may change.
        if obj is None:
            return []
        return [name for name in QUESTION_FIELDS if name not in ("answer", "answered_on")]

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            saved = services.question_answer(question=obj, answer=data["answer"],
                                             answered_on=data["answered_on"],
                                             answered_by=signed_in(request))
        else:
            saved = services.question_add(answered_by=signed_in(request), **data)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Question) -> None:
        services.question_delete(question=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        for question in queryset:
            services.question_delete(question=question)


@admin.register(DialogueDocument)
class DialogueDocumentAdmin(_ServiceAdmin):
    list_display = ["title", "dialogue", "uploaded_at"]
    list_select_related = ["dialogue"]
    search_fields = ["title", "dialogue__title"]
    autocomplete_fields = ["dialogue"]
    fields = ["dialogue", "title", "file"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: DialogueDocument, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        saved = services.document_add(dialogue=data["dialogue"], title=data["title"],
                                      file=data["file"], uploaded_by=signed_in(request))
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: DialogueDocument) -> None:
        services.document_delete(document=obj)

    def delete_queryset(self, request: HttpRequest,
                        queryset: QuerySet[DialogueDocument]) -> None:
        for document in queryset:
            services.document_delete(document=document)


@admin.register(FollowUpAction)
class FollowUpActionAdmin(_ServiceAdmin):
    list_display = ["__str__", "owner_kind", "company", "due_on", "status"]
    list_filter = ["status", "owner_kind"]
    list_select_related = ["company"]
    search_fields = ["description"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["dialogue", "communication", "response", "owner_contact",
                           "owner_user", "owner_mandate"]
    fields = ["dialogue", "communication", "response", "description", "owner_kind",
              "owner_contact", "owner_user", "owner_mandate", "due_on", "status",
              "closing_note"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["dialogue", "communication", "response"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: FollowUpAction, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        if change:
            owner = {name: data[name] for name in ("description", "due_on", "owner_kind",
                                                   "owner_contact", "owner_user",
                                                   "owner_mandate")}
            saved = services.action_update(action=obj, **owner)
            if {"status", "closing_note"} & set(form.changed_data):
                saved = services.action_update_status(action=saved, status=data["status"],
                                                      closing_note=data["closing_note"])
        else:
            saved = services.action_create(created_by=signed_in(request), **data)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: FollowUpAction) -> None:
        services.action_delete(action=obj)

    def delete_queryset(self, request: HttpRequest,
                        queryset: QuerySet[FollowUpAction]) -> None:
        for action in queryset:
            services.action_delete(action=action)


@admin.register(ActionReminder)
class ActionReminderAdmin(admin.ModelAdmin[ActionReminder]):
    """The record of who was reminded of which action: read, never written by hand."""

    list_display = ["action", "kind", "recipient_email", "scheduled_on", "state", "attempts"]
    list_filter = ["state", "kind"]
    search_fields = ["recipient_email"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
