"""/api/v1/: every app's API routes, the OpenAPI schema and the docs."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from btech.api.docs import ApiDocsView

app_name = "api"

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("mandates.api.urls")),
    path("", include("topics.api.urls")),
    path("", include("companies.api.urls")),
    path("", include("engagements.api.urls")),
    path("", include("webhooks.api.urls")),
    path("", include("publication.api")),
    path("", include("calls.api.urls")),
    path("", include("dialogues.api.urls")),
    path("", include("search.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Interactive docs (Swagger UI, its files served from here), and the same reference
    # as a plain page that needs no script at all. The split view serves its start-up
    # script as a file (docs/?script), not inline, for the Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(
        url_name="api:schema", template_name="api/swagger_ui.html"), name="docs"),
    path("docs/reference/", ApiDocsView.as_view(), name="docs-reference"),
]
