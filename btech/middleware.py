"""Project middleware: what every answer of the site shares."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers


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
