from __future__ import annotations

from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token-obtain"),
    path("auth/token/rotate/", views.TokenRotateView.as_view(), name="token-rotate"),
    path("auth/token/revoke/", views.TokenRevokeView.as_view(), name="token-revoke"),
]
