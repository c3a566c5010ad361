"""Staff manage every endpoint here, and see every delivery: failed ones on their own
page, with the last HTTP status and error, and "send again"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from btech.admin_pagination import EstimatedCountPaginator
from reminders.models import DeliveryState
from webhooks import services
from webhooks.events import event_choices
from webhooks.models import FailedWebhookDelivery, WebhookDelivery, WebhookEndpoint

_DELIVERY_FIELDS: list[str] = [
                    "event", "endpoint", "state", "attempts", "last_status", "last_error",
                    "possible_duplicates", "cancel_reason", "next_attempt_at",
                    "claimed_until", "claimed_by", "sending_since", "created_at", "sent_at"]


class WebhookEndpointForm(forms.ModelForm[WebhookEndpoint]):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https",
                         help_text=_("Where events are sent, by POST: https://..."))
    events = forms.MultipleChoiceField(choices=event_choices,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ["company", "url", "events", "description", "is_active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin[WebhookEndpoint]):
    form = WebhookEndpointForm
    list_display = ["url", "company", "event_list", "is_active", "created_at"]
    list_filter = ["is_active", "company"]
    list_select_related = ["company"]
    search_fields = ["url", "description", "company__name"]
    autocomplete_fields = ["company"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    actions = ["rotate_secret"]

    @admin.display(description=_("Events"))
    def event_list(self, obj: WebhookEndpoint) -> str:
        return ", ".join(obj.events)

    def get_readonly_fields(self, request: HttpRequest,
                            obj: WebhookEndpoint | None = None) -> list[str]:
        # An endpoint stays with its company: a new one is registered for another.
        return [*self.readonly_fields, *(["company"] if obj is not None else [])]

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: WebhookEndpoint, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        if change:
            changes = {name: data[name] for name in form.changed_data
                       if name in services.EndpointChanges.__annotations__}
            saved = services.endpoint_update(endpoint=obj, **changes) if changes else obj
        else:
            saved = services.endpoint_create(
                company=data["company"], url=data["url"], events=data["events"],
                description=data["description"], is_active=data["is_active"],
                created_by=request.user)  # type: ignore[arg-type]  # staff: a User
            self._show_secret(request, saved)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: WebhookEndpoint) -> None:
        services.endpoint_delete(endpoint=obj)

    def delete_queryset(self, request: HttpRequest,
                        queryset: QuerySet[WebhookEndpoint]) -> None:
        for endpoint in queryset:
            services.endpoint_delete(endpoint=endpoint)

    def _show_secret(self, request: HttpRequest, endpoint: WebhookEndpoint) -> None:
        self.message_user(request, gettext(
            "The signing secret of %(url)s, shown this once: %(secret)s") % {
            "url": endpoint.url, "secret": endpoint.secret}, messages.WARNING)

    @admin.action(description=_("Make a new signing secret (the old one stops at once)"),
                  permissions=["change"])
    def rotate_secret(self, request: HttpRequest,
                      queryset: QuerySet[WebhookEndpoint]) -> None:
        for endpoint in queryset:
            self._show_secret(request, services.endpoint_secret_rotate(endpoint=endpoint))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ["created_at", "event_type", "endpoint", "state", "attempts",
                    "last_status", "short_error", "sent_at", "possible_duplicates"]
    list_filter = ["state", "last_status"]
    list_select_related = ["event", "endpoint"]
    search_fields = ["endpoint__url", "event__type"]
    readonly_fields = tuple(_DELIVERY_FIELDS)
    fields = tuple(_DELIVERY_FIELDS)
    actions = ["send_again", "cancel"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # events write deliveries; staff send them again or cancel them

    @admin.display(description=_("Event"), ordering="event__type")
    def event_type(self, obj: WebhookDelivery) -> str:
        return f"{obj.event.type} ({obj.event.subject} {obj.event.object_id})"

    @admin.display(description=_("Last error"))
    def short_error(self, obj: WebhookDelivery) -> str:
        return obj.last_error[:100]

    @admin.action(description=_("Send the selected failed deliveries again"),
                  permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = services.deliveries_retry(delivery_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%(count)d failed delivery queued again.",
                                            "%(count)d failed deliveries queued again.",
                                            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Cancel the selected pending or failed deliveries"),
                  permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = services.deliveries_cancel(delivery_ids=queryset.values_list("pk", flat=True),
                                           reason=f"Cancelled by {request.user}.")
        self.message_user(request, ngettext("%(count)d delivery cancelled.",
                                            "%(count)d deliveries cancelled.",
                                            count) % {"count": count}, messages.SUCCESS)


@admin.register(FailedWebhookDelivery)
class FailedWebhookDeliveryAdmin(WebhookDeliveryAdmin):
    list_filter = ["last_status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        return super().get_queryset(request).filter(state=DeliveryState.FAILED)
