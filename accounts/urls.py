"""Sign in, sign out and password reset: Django's own views with our templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import PasswordChange, PasswordReset, PasswordResetRequest, SignInForm

# Django's views, on our forms (accounts/forms.py); the rest as django.contrib.auth has them.
urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=SignInForm),
         name="login"),
    path("accounts/password_change/",
         auth_views.PasswordChangeView.as_view(form_class=PasswordChange),
         name="password_change"),
    path("accounts/password_reset/",
         auth_views.PasswordResetView.as_view(form_class=PasswordResetRequest),
         name="password_reset"),
    path("accounts/reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(form_class=PasswordReset),
         name="password_reset_confirm"),
    path("accounts/", include("django.contrib.auth.urls")),
]
