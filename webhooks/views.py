"""The webhooks page: a company's users (and OHCHR staff, for OHCHR's own systems)
register endpoints, see their recent deliveries, switch them off, rotate or remove them.
The same services as the API and the admin; the same scope (another company's endpoint
is a 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.visibility import SCOPE_EVERY_COMPANY, visibility_scope
from engagements import policy
from engagements.forms import add_service_errors
from engagements.policy import Action
from engagements.views.access import SignedInRequest, policy_required
from webhooks import services
from webhooks.forms import EndpointForm
from webhooks.models import WebhookDelivery, WebhookEndpoint

RECENT = 10


def _endpoint(request: SignedInRequest, pk: int) -> WebhookEndpoint:
    endpoint = get_object_or_404(WebhookEndpoint.objects.visible_to(request.user), pk=pk)
    if not policy.may(request.user, Action.MANAGE_WEBHOOKS, endpoint):
        raise PermissionDenied
    return endpoint


def _page(request: SignedInRequest, form: EndpointForm, status: int = 200,
          **extra: Any) -> HttpResponse:
    # The latest deliveries of every endpoint in one query (a sliced prefetch).
    latest = Prefetch("deliveries", to_attr="latest", queryset=WebhookDelivery.objects
                      .select_related("event").order_by("-created_at", "-pk")[:RECENT])
    endpoints = [
        (endpoint, endpoint.latest)  # type: ignore[attr-defined]  # set by the prefetch
        for endpoint in WebhookEndpoint.objects.visible_to(request.user)
        .select_related("company").prefetch_related(latest).order_by("pk")
    ]
    return render(request, "webhooks/endpoints.html", {
        "form": form, "endpoints": endpoints,
        "ohchr": visibility_scope(request.user) == SCOPE_EVERY_COMPANY,
        "shown": None, "shown_is_new": False, **extra},
        status=status)


@policy_required(Action.MANAGE_WEBHOOKS)
def endpoint_list(request: SignedInRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, EndpointForm())
    form = EndpointForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        company = None if request.user.is_ohchr_staff else request.user.company
        try:
            endpoint = services.endpoint_create(
                company=company, url=data["url"], events=data["events"],
                description=data["description"], created_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown on this answer only, never stored elsewhere: no redirect.
            return _page(request, EndpointForm(), shown=endpoint, shown_is_new=True)
    return _page(request, form, status=400)


@policy_required(Action.MANAGE_WEBHOOKS)
@require_POST
def endpoint_switch(request: SignedInRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    services.endpoint_update(endpoint=endpoint, is_active=not endpoint.is_active)
    messages.success(request, gettext("The endpoint is switched on.") if not endpoint.is_active
                     else gettext("The endpoint is switched off: it receives nothing."))
    return redirect("webhook-list")


@policy_required(Action.MANAGE_WEBHOOKS)
@require_POST
def endpoint_rotate(request: SignedInRequest, pk: int) -> HttpResponse:
    endpoint = services.endpoint_secret_rotate(endpoint=_endpoint(request, pk))
    return _page(request, EndpointForm(), shown=endpoint)


@policy_required(Action.MANAGE_WEBHOOKS)
@require_POST
def endpoint_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    services.endpoint_delete(endpoint=_endpoint(request, pk))
    messages.success(request, gettext("The endpoint is removed."))
    return redirect("webhook-list")
