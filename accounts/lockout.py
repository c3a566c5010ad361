"""What a locked-out sign-in gets back (django-axes' AXES_LOCKOUT_CALLABLE).

The API answers in JSON, as every other API error, with Retry-After; the sign-in pages
show the lockout page. Both say how long in words ("15 minutes"), not as an ISO 8601
duration.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKED_STATUS = 429  # Too Many Requests


def _words(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def lockout_response(request: HttpRequest, original_response: HttpResponse | None,
                     credentials: dict[str, Any] | None) -> HttpResponse:
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    wait = _words(seconds) if seconds else "a few minutes"
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": f"Too many failed sign-ins. Try again in {wait}."},
            status=LOCKED_STATUS)
    else:
        response = render(request, "registration/locked_out.html", {"cooloff_time": wait},
                          status=LOCKED_STATUS)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
