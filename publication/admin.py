"""The admin of the publication area: every write goes through publication/services.py,
as from the letter's publication page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from btech.admin_pagination import EstimatedCountPaginator
from engagements.admin import signed_in
from publication import services
from publication.models import PublicVersion, RelatedLetter, StateLetter, WithheldReply


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Shows a service's refusal on the page instead of a 500 (Django's transaction
    around the view has undone the save)."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def _adopt(self, obj: Any, saved: Any) -> None:
        obj.pk = saved.pk
        obj.refresh_from_db()
        obj._state.adding = False


class PublicVersionForm(forms.ModelForm):  # type: ignore[type-arg]
    approve = forms.BooleanField(required=False, label=_("Approve it for publication"))

    class Meta:
        model = PublicVersion
        fields = ["communication", "response", "document"]


@admin.register(PublicVersion)
class PublicVersionAdmin(ServiceAdmin):
    form = PublicVersionForm
    list_display = ["communication", "response", "uploaded_at", "uploaded_by", "approved_at",
                    "approved_by"]
    list_select_related = ["communication", "response", "uploaded_by", "approved_by"]
    list_filter = [("approved_at", admin.EmptyFieldListFilter)]
    search_fields = ["communication__reference"]
    autocomplete_fields = ["communication", "response"]
    readonly_fields = ["uploaded_by", "uploaded_at", "approved_by", "approved_at"]
    actions = ["approve_selected"]

    def save_model(self, request: HttpRequest, obj: PublicVersion, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        saved = obj
        if not change or "document" in form.changed_data:
            saved = services.public_version_upload(
                communication=data["communication"], response=data["response"],
                document=data["document"], uploaded_by=signed_in(request),
                approve=data["approve"])
        elif data["approve"]:
            saved = services.public_version_approve(public_version=obj,
                                                    approved_by=signed_in(request))
        self._adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: PublicVersion) -> None:
        services.public_version_delete(public_version=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[PublicVersion]) -> None:
        for version in queryset:
            services.public_version_delete(public_version=version)

    @admin.action(description=_("Approve the selected public versions"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[PublicVersion]) -> None:
        for version in queryset:
            services.public_version_approve(public_version=version,
                                            approved_by=signed_in(request))


@admin.register(WithheldReply)
class WithheldReplyAdmin(ServiceAdmin):
    list_display = ["response", "communication", "requested_on", "recorded_by", "recorded_at"]
    list_select_related = ["response", "communication", "recorded_by"]
    search_fields = ["communication__reference"]
    autocomplete_fields = ["response"]
    fields = ["response", "requested_on", "reason", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A withholding is recorded or ended, not edited: end it and record it anew.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: WithheldReply, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        saved = services.reply_withhold(response=data["response"],
                                        requested_on=data["requested_on"],
                                        reason=data["reason"], recorded_by=signed_in(request))
        self._adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: WithheldReply) -> None:
        services.reply_release(withheld=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[WithheldReply]) -> None:
        for withheld in queryset:
            services.reply_release(withheld=withheld)


@admin.register(StateLetter)
class StateLetterAdmin(ServiceAdmin):
    list_display = ["reference", "state", "sent_on", "communication", "public_url"]
    list_select_related = ["communication"]
    search_fields = ["reference", "communication__reference"]
    autocomplete_fields = ["communication"]
    fields = ["communication", "reference", "sent_on", "public_url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: StateLetter, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        if change:
            saved = services.state_letter_update(
                state_letter=obj, reference=data["reference"], sent_on=data["sent_on"],
                public_url=data["public_url"])
        else:
            saved = services.state_letter_add(
                communication=data["communication"], reference=data["reference"],
                sent_on=data["sent_on"], public_url=data["public_url"],
                added_by=signed_in(request))
        self._adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: StateLetter) -> None:
        services.state_letter_remove(state_letter=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[StateLetter]) -> None:
        for state_letter in queryset:
            services.state_letter_remove(state_letter=state_letter)


@admin.register(RelatedLetter)
class RelatedLetterAdmin(ServiceAdmin):
    list_display = ["communication", "related", "linked_by", "linked_at"]
    list_select_related = ["communication", "related", "linked_by"]
    search_fields = ["communication__reference", "related__reference"]
    autocomplete_fields = ["communication", "related"]
    fields = ["communication", "related"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: RelatedLetter, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        saved = services.related_letter_link(communication=data["communication"],
                                             related=data["related"],
                                             linked_by=signed_in(request))
        self._adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: RelatedLetter) -> None:
        services.related_letter_unlink(communication=obj.communication, related=obj.related)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RelatedLetter]) -> None:
        for link in list(queryset):
            if RelatedLetter.objects.filter(pk=link.pk).exists():
                services.related_letter_unlink(communication=link.communication,
                                               related=link.related)
