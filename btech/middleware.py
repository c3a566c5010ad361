"""Project middleware: what every answer of the site shares."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views import debug

logger = logging.getLogger(__name__)

# How long a client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer to a request that carries
    credentials (a session cookie or an Authorization header): letters are confidential,
    and neither a shared proxy nor the browser's disk may keep a copy of a page or an API
    answer made for one person. Judged by the credentials, not by loading the user, so
    that no answer costs a query for it; an expired session cookie costs only a cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES \
                or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response


class DatabaseUnavailableMiddleware:
    """A clear 503 when PostgreSQL cannot be reached or does not answer in time.

    Without it a stopped or frozen database gave people Django's traceback page (or a
    bare 500) and the health check a 500. Now: a short page saying to try again, a
    JSON 503 from the API and the health check, with Retry-After; and nothing to do when
    the database is back: Django drops the broken connection at the end of the request
    and the next one connects afresh (CONN_HEALTH_CHECKS).

    A view's error arrives in process_exception. One raised by other middleware (the
    session, the signed-in user) or while the answer is rendered never reaches it: the
    got_request_exception signal marks the request instead, and __call__ replaces the
    500 that Django built with the 503. Both paths log one error line, no traceback.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, "_database_unavailable", False) and response.status_code >= 500:
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponseBase | None:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("database unavailable for %s %s: %s", request.method,
                         request.path, exception)
            return unavailable_response(request)
        return None


DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def unavailable_response(request: HttpRequest) -> HttpResponseBase:
    response: HttpResponseBase
    if request.path.startswith(("/api/", "/health/")):
        response = JsonResponse(
            {"detail": _("The database cannot be reached just now; try again in a "
                         "minute.")}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _mark_database_unavailable(sender: object, request: HttpRequest | None = None,
                               **kwargs: object) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_UNAVAILABLE):
        logger.error("database unavailable for %s %s: %s", request.method, request.path,
                     error)
        request._database_unavailable = True  # type: ignore[attr-defined]


got_request_exception.connect(_mark_database_unavailable,
                              dispatch_uid="btech-database-unavailable")


class ExceptionReporter(debug.ExceptionReporter):
    """Django's traceback page (DEBUG), not built when the database is unavailable: the
    503 replaces it (DatabaseUnavailableMiddleware), and building it would query the
    database again and again (who is signed in, the querysets among each frame's local
    variables), each time waiting out the connect timeout."""

    def get_traceback_html(self) -> SafeString:
        if isinstance(self.exc_value, DATABASE_UNAVAILABLE):
            return format_html("The database is unavailable: {}", self.exc_value)
        return super().get_traceback_html()

    def get_traceback_text(self) -> SafeString:
        if isinstance(self.exc_value, DATABASE_UNAVAILABLE):
            return format_html("The database is unavailable: {}", self.exc_value)
        return super().get_traceback_text()
