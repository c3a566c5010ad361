"""The site's URLs plus the benchmark's Django floor view: /floor/."""

from __future__ import annotations

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from bench.floor_wsgi import floor_rows


def floor(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        rows = floor_rows(cursor)
    return HttpResponse(json.dumps({"results": rows}), content_type="application/json")


urlpatterns = [
    path("floor/", floor),
    path("", include("btech.urls")),
]
