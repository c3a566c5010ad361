"""The admin site: Django's, guarded against query strings its list pages cannot use.

Every admin page, ours and those of django-axes, pghistory and Django's own apps, is
served through AdminSite.admin_view. Django turns most bad filter values into its
"incorrect lookup parameters" page, but not all: a NUL character reaches PostgreSQL
(which refuses it: a 500), and a date-hierarchy year of thirty digits overflows before
Django checks it. Such a query string gets that same answer here, before any view runs:
the list without its filters, marked as the admin marks an incorrect lookup (?e=1).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from pghistory.admin import EventsAdmin
from pghistory.admin.core import EventModelFilter

from accounts.forms import AdminSignInForm

_DATE_PARTS = ("__year", "__month", "__day")
_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def unusable_query(request: HttpRequest) -> bool:
    """Whether the query string holds what no admin list can filter by."""
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
        if key.endswith(_DATE_PARTS) and not all(
                value.isascii() and value.isdigit() and len(value) <= 4 for value in values):
            return True
    return False


class TrackerAdminSite(admin.AdminSite):
    site_header = _("B-Tech Engagement Tracker")
    site_title = _("B-Tech Engagement Tracker")
    index_title = _("OHCHR administration")
    login_form = AdminSignInForm

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        guarded = super().admin_view(view, cacheable)

        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if unusable_query(request):
                return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
            return guarded(request, *args, **kwargs)

        return cast(_View, checked)


class _KnownEventModelFilter(EventModelFilter):
    """pghistory's filter passes any value to EventsQuerySet.across(), which fails
    (a 500) on anything that is not one of the event models it offers."""

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() and self.value() not in dict(self.lookup_choices):
            raise IncorrectLookupParameters(f"event_model={self.value()!r}")
        return super().queryset(request, queryset)  # type: ignore[no-untyped-call]  # pghistory: unannotated


class HistoryEventsAdmin(EventsAdmin):
    """pghistory's events list (PGHISTORY_ADMIN_CLASS), with the event model checked."""

    def get_list_filter(self, request: HttpRequest) -> Any:
        return [_KnownEventModelFilter if spec is EventModelFilter else spec
                for spec in super().get_list_filter(request)]  # type: ignore[no-untyped-call]  # pghistory: unannotated
