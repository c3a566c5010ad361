"""Sign in, sign out and password reset: Django's own views with our templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import SignInForm

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=SignInForm),
         name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
]
