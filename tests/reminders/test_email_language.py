"""Every email in its reader's language: the contact's, else their account's, else the
letter's; staff and password emails in the account's, else English. Asserted on what
Django translates itself (month names, <html lang>) and on the stored mandate titles,
so that it holds whatever the state of the .po files."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from btech.i18n import recipient_language
from reminders.models import Reminder
from tests import factories
from tests.factories import CommunicationFactory

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)  # due 10 March 2024: the 7-day reminder goes on 3 March


def _email_to(address: str, start: int):
    return next(m for m in mail.outbox[start:] if address in m.to[0])


def _french_mandate(letter) -> None:
    letter.mandates.update(
        title_fr="Rapporteur spécial sur la promotion et la protection du droit à la "
                 "liberté d'opinion et d'expression",
        title_es="Relator Especial sobre la promoción y protección del derecho a la "
                 "libertad de opinión y de expresión")


def test_a_contact_who_reads_french_gets_the_reminder_in_french(make_letter, people,
                                                                 run_pass):
    people.owner.language = "fr"
    people.owner.save()
    letter = make_letter(SENT, assignee=people.owner)
    _french_mandate(letter)
    run_pass(SENT)
    start = len(mail.outbox)

    run_pass(dt.date(2024, 3, 3))

    french = _email_to("owner@meta.example", start)
    html = french.alternatives[0][0]
    assert '<html lang="fr">' in html
    for body in (french.body, html):
        assert "10 mars 2024" in body
        assert "Rapporteur spécial sur la promotion et la protection" in body
    # The lead has no language of their own: the letter's (English).
    english = _email_to("lead@meta.example", start)
    assert "10 March 2024" in english.body
    assert '<html lang="en">' in english.alternatives[0][0]
    assert "Special Rapporteur on freedom of opinion and expression" in english.body


def test_without_a_language_of_their_own_a_contact_reads_the_letters(make_letter, people,
                                                                     run_pass):
    letter = make_letter(SENT, assignee=people.owner)
    letter.language = "es"
    letter.save(update_fields=["language"])
    _french_mandate(letter)
    run_pass(SENT)
    start = len(mail.outbox)

    run_pass(dt.date(2024, 3, 3))

    spanish = _email_to("owner@meta.example", start)
    assert '<html lang="es">' in spanish.alternatives[0][0]
    assert "10 de marzo de 2024" in spanish.body or "10 marzo 2024" in spanish.body
    assert "Relator Especial sobre la promoción y protección" in spanish.body


def test_the_language_is_chosen_in_one_place(company_a):
    user = factories.UserFactory(company=company_a, language="es")
    contact = factories.ContactFactory(company=company_a, user=user)
    letter = CommunicationFactory(company=company_a, language="fr")
    # The contact's own, else their account's, else the letter's.
    assert recipient_language(contact=contact, communication=letter) == "es"
    contact.language = "en"
    assert recipient_language(contact=contact, communication=letter) == "en"
    contact.language, user.language = "", ""
    assert recipient_language(contact=contact, communication=letter) == "fr"
    # An account: its own, else English.
    assert recipient_language(user=user) == "en"
    user.language = "fr"
    assert recipient_language(user=user) == "fr"
    assert recipient_language() == "en"


def test_a_reminder_whose_contact_is_gone_follows_the_letter(make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner)
    letter.language = "fr"
    letter.save(update_fields=["language"])
    run_pass(SENT)
    reminder = Reminder.objects.filter(contact=people.owner).first()
    assert reminder is not None
    people.owner.delete()
    reminder.refresh_from_db()
    from reminders.emails import reminder_language

    assert reminder.contact_id is None and reminder_language(reminder) == "fr"


def test_a_staff_digest_is_in_the_staff_members_language(staff, company_a, run_pass,
                                                         in_geneva):
    staff.language = "fr"
    staff.save()
    with in_geneva(dt.date(2024, 3, 1)):
        CommunicationFactory(company=company_a, sent_on=dt.date(2024, 1, 2))
    start = len(mail.outbox)

    run_pass(dt.date(2024, 3, 11))

    digest = _email_to(staff.email, start)
    assert '<html lang="fr">' in digest.alternatives[0][0]
    assert "11 mars 2024" in digest.body
    assert translation.get_language() == "en"  # the override ended with the email


def test_a_password_reset_email_is_in_the_accounts_language(company_a, monkeypatch):
    from django.contrib.auth.forms import PasswordResetForm

    user = factories.UserFactory(company=company_a, email="amira@meta.example",
                                 language="es")
    languages = []
    real_send = PasswordResetForm.send_mail

    def send(self, *args, **kwargs):
        languages.append(translation.get_language())
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(PasswordResetForm, "send_mail", send)
    # Asked for from a page in French: the account's language wins.
    Client().post(reverse("password_reset"), {"email": user.email},
                  HTTP_ACCEPT_LANGUAGE="fr")
    assert languages == ["es"]
    assert len(mail.outbox) == 1


def test_a_password_change_notice_is_in_the_accounts_language(company_a, monkeypatch):
    from accounts import services

    user = factories.UserFactory(company=company_a, email="amira@meta.example",
                                 language="fr")
    languages = []
    monkeypatch.setattr(services, "send_mail",
                        lambda *args, **kwargs: languages.append(translation.get_language()))
    services._tell(user)
    assert languages == ["fr"]
