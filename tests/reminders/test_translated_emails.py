"""The reminder emails in French and Spanish: subject, plain text and HTML, rendered from
the catalogues `make test` compiles into locale/. An email is in its recipient's
language (reminders.emails.reminder_language), whatever language is active when it is
rendered: here the issue owner chose theirs. Who gets which language:
tests/reminders/test_email_language.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.formats import date_format

from reminders.emails import reminder_message
from reminders.models import Reminder, StepKind

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)  # due on 10 March 2024
NBSP = "\u00a0"


def _speaks(contact, language):
    contact.language = language
    contact.save(update_fields=["language"])


def _seven_days_before(make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    run_pass(dt.date(2024, 3, 3))
    reminder = Reminder.objects.get(communication=letter, kind=StepKind.BEFORE_DUE,
                                    days_before_due=7, recipient_email="owner@meta.example")
    return letter, reminder


def test_a_reminder_in_french(make_letter, people, run_pass):
    _speaks(people.owner, "fr")
    letter, reminder = _seven_days_before(make_letter, people, run_pass)

    message = reminder_message(reminder, dt.date(2024, 3, 3))

    assert message.subject == f"[{letter.reference}] Réponse attendue dans 7 jours"
    html, _mimetype = message.alternatives[0]
    assert message.body.startswith("Bonjour Olga Owner,\n\n")
    assert "cette lettre des Procédures spéciales de l’ONU à Meta attend une réponse finale" \
        in message.body
    # The labels are padded as in English, so the values still line up.
    assert f"Échéance{NBSP}:  10 mars 2024 (échéance dans 7 jours)\n" in message.body
    assert f"Objet{NBSP}:     Content restrictions and arrests of users\n" in message.body
    assert f"Responsable{NBSP}: Olga Owner <owner@meta.example>\n" in message.body
    assert "10 mars 2024 (échéance dans 7 jours)" in html
    assert "Enregistrer la réponse" in html
    for body in (message.body, html):
        assert "Reply" not in body and "Dear" not in body


def test_an_overdue_subject_and_a_new_letter_in_spanish(make_letter, people, run_pass):
    _speaks(people.owner, "es")
    letter = make_letter(SENT, assignee=people.owner, acknowledged=False)
    new_letter = Reminder.objects.get(communication=letter, kind=StepKind.NEW_LETTER,
                                      recipient_email="owner@meta.example")
    run_pass(SENT)
    run_pass(dt.date(2024, 3, 11))
    overdue = Reminder.objects.filter(communication=letter, kind=StepKind.OVERDUE,
                                      recipient_email="owner@meta.example").get()

    late = reminder_message(overdue, dt.date(2024, 3, 11))
    news = reminder_message(new_letter, SENT)
    with translation.override("es"):
        public_on = date_format(letter.public_on, "DATE_FORMAT")

    assert late.subject == f"[{letter.reference}] Respuesta con 1 día de retraso"
    assert news.subject == f"[{letter.reference}] Nueva carta: la respuesta vence en 60 días"
    assert news.body.startswith("Estimado/a Olga Owner:\n\n")
    assert ("Los Procedimientos Especiales de las Naciones Unidas han enviado una nueva "
            "carta a Meta.") in news.body
    assert "carta de alegación" in news.body
    assert public_on.endswith(" de 2024")
    assert f"La carta es confidencial hasta el {public_on}; después se publica" in news.body
