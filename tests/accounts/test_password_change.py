"""A new password ends every credential the old one handed out.

Django signs web sessions out when a password changes; the API token and the calendar
address are credentials too, and whoever learned the old password may hold them. So a
password change (by the user), a reset (by email link) or a password set by staff in
the admin revokes the token and gives the calendar feed a new address, and the user is
told, on the page and by email.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import CalendarFeed
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "a brand new long passphrase"


@pytest.fixture
def credentials(lead_a):
    """Lead A's API token and calendar address, both working."""
    token = Token.objects.create(user=lead_a).key
    feed = CalendarFeed.objects.create(user=lead_a).token
    assert _api(token) == 200
    assert _feed(feed) == 200
    return token, feed


def _api(token: str) -> int:
    return APIClient(HTTP_AUTHORIZATION=f"Token {token}").get(
        "/api/v1/communications/").status_code


def _feed(token: str) -> int:
    return Client().get(reverse("calendar-feed", args=[token])).status_code


def _assert_revoked(lead_a, credentials) -> None:
    token, feed = credentials
    assert _api(token) == 401
    assert not Token.objects.filter(user=lead_a).exists()
    assert _feed(feed) == 404
    assert _feed(CalendarFeed.objects.get(user=lead_a).token) == 200  # a new address
    [notice] = [m for m in mail.outbox if "password" in m.subject.lower()]
    assert notice.to == [lead_a.email]
    assert "API token" in notice.body and "calendar" in notice.body


def test_changing_ones_password_revokes_the_token_and_the_calendar_address(
    lead_a, lead_a_client, credentials, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_a_client.post(reverse("password_change"), {
            "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
            follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "API token" in page and "calendar address" in page
    _assert_revoked(lead_a, credentials)
    # Still signed in here, as Django keeps the session that changed the password.
    assert lead_a_client.get(reverse("letter-list")).status_code == 200


def test_a_password_reset_revokes_the_token_and_the_calendar_address(
    lead_a, credentials, django_capture_on_commit_callbacks
):
    client = Client()
    client.post(reverse("password_reset"), {"email": lead_a.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.redirect_chain[-1][0],
                               {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "API token" in page and "calendar address" in page
    _assert_revoked(lead_a, credentials)


def test_a_password_set_by_staff_in_the_admin_revokes_them_too(
    lead_a, staff_client, credentials, django_capture_on_commit_callbacks
):
    url = reverse("admin:auth_user_password_change", args=[lead_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"password1": NEW, "password2": NEW,
                                           "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    _assert_revoked(lead_a, credentials)


def test_a_wrong_old_password_revokes_nothing(lead_a, lead_a_client, credentials):
    response = lead_a_client.post(reverse("password_change"), {
        "old_password": "not it", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    token, feed = credentials
    assert _api(token) == 200
    assert _feed(feed) == 200
    assert mail.outbox == []
