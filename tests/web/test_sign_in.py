"""Sign in, sign out, lockout after repeated failures, password reset by email."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_lead_signs_in_and_lands_on_my_work(lead_a):
    client = Client()
    response = _sign_in(client, "lead-a", PASSWORD)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("my-work")


def test_a_wrong_password_shows_an_error(lead_a):
    response = _sign_in(Client(), "lead-a", "wrong")
    assert response.status_code == 200
    content = response.content.decode()
    summary = content[content.index('class="error-summary"'):content.index("<h1>")]
    assert "There is a problem" in summary and "correct username and password" in summary


def test_a_blank_sign_in_links_each_empty_field_from_the_summary(db):
    content = _sign_in(Client(), "", "").content.decode()
    assert '<a href="#id_username">Username: This field is required.</a>' in content
    assert '<a href="#id_password">Password: This field is required.</a>' in content


def test_five_failures_lock_the_account_even_with_the_right_password(lead_a, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "lead-a", "wrong")
    response = _sign_in(client, "lead-a", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins" in page
    assert "15 minutes" in page and "PT15M" not in page
    assert response["Retry-After"] == "900"
    # From another address too: the account itself is locked.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _sign_in(other, "lead-a", PASSWORD).status_code == 429


def test_signing_in_to_ones_own_account_clears_no_one_elses_failures(lead_a, lead_b,
                                                                      settings):
    """Guess lead A's password just under the limit, sign in as oneself from the same
    address, and again: before, each sign-in wiped the address's failures."""
    attacker = Client(REMOTE_ADDR="10.0.0.7")
    answers = []
    for _ in range(3):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            answers.append(_sign_in(attacker, "lead-a", "a guess").status_code)
        answers.append(_sign_in(Client(REMOTE_ADDR="10.0.0.7"), "lead-b", PASSWORD
                                ).status_code)
    assert 429 in answers
    # Lead A's account is locked, from any address, and the guesses stopped counting.
    assert _sign_in(Client(REMOTE_ADDR="10.0.0.9"), "lead-a", PASSWORD).status_code == 429
    assert answers.count(200) == settings.AXES_FAILURE_LIMIT - 1


def test_a_successful_sign_in_clears_ones_own_earlier_failures(lead_a, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "lead-a", "wrong")
    assert _sign_in(client, "lead-a", PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(Client(), "lead-a", "wrong").status_code == 200
    assert _sign_in(Client(), "lead-a", PASSWORD).status_code == 302


def test_signing_out_ends_the_session(lead_a_client):
    response = lead_a_client.post(reverse("logout"))
    assert response.status_code == 302
    assert lead_a_client.get(reverse("letter-list")).status_code == 302


def test_a_password_reset_link_is_emailed_and_works(lead_a):
    client = Client()
    response = client.post(reverse("password_reset"), {"email": lead_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [lead_a.email]
    assert "Choose a new password" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "a brand new long passphrase"
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert _sign_in(Client(), "lead-a", new).status_code == 302


def test_an_unknown_email_gets_the_same_answer_and_no_mail(db):
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_username_longer_than_any_account_is_a_form_error(db, url_name):
    response = Client().post(reverse(url_name), {"username": "u" * 300, "password": "x"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
