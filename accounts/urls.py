"""Sign in, sign out and password reset: Django's own views with our templates."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
]
