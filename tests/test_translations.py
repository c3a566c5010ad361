"""The tracker in French and Spanish: the words that carry a number take the right
plural, dates follow the language, and pages render from the catalogues.

The catalogues are the .mo files `make test` compiles into locale/ (btech/translations.py;
tests/conftest.py stops the run if one is stale). Requests send Accept-Language, which
LocaleMiddleware follows, and run inside translation.override() as well.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from btech.office_time import office_today
from engagements.presentation import due_words
from engagements.templatetags.letters import short_date
from reminders.emails import deadline_words
from tests import factories


def test_english_dates_read_day_month_year():
    assert date_format(dt.date(2026, 5, 13), "DATE_FORMAT") == "13 May 2026"


@pytest.mark.parametrize(("language", "days", "words"), [
    ("fr", 6, "échéance dans 6 jours"),
    ("fr", 1, "échéance dans 1 jour"),
    ("fr", 0, "échéance aujourd’hui"),
    ("fr", -1, "en retard de 1 jour"),
    ("fr", -3, "en retard de 3 jours"),
    ("es", 6, "vence en 6 días"),
    ("es", 1, "vence en 1 día"),
    ("es", 0, "vence hoy"),
    ("es", -1, "con 1 día de retraso"),
    ("es", -3, "con 3 días de retraso"),
])
def test_the_deadline_words_take_the_plural_of_their_language(language, days, words):
    with translation.override(language):
        assert due_words(days) == words


@pytest.mark.parametrize(("language", "days", "words"), [
    ("fr", 7, "Réponse attendue dans 7 jours"),
    ("fr", -1, "Réponse en retard de 1 jour"),
    ("es", 1, "La respuesta vence en 1 día"),
    ("es", -2, "Respuesta con 2 días de retraso"),
])
def test_the_reply_deadline_is_one_sentence_in_each_language(language, days, words):
    with translation.override(language):
        assert deadline_words(days) == words


def test_english_is_unchanged_by_the_catalogues():
    with translation.override("en"):
        assert due_words(6) == "due in 6 days"
        assert due_words(-1) == "overdue by 1 day"
        assert deadline_words(0) == "Reply due today"


@pytest.mark.parametrize(("language", "day"), [
    ("fr", "13 mai 2026"),
    ("es", "13 de mayo de 2026"),
])
def test_dates_inside_messages_follow_the_language(language, day):
    with translation.override(language):
        assert date_format(dt.date(2026, 5, 13), "DATE_FORMAT") == day


@pytest.mark.parametrize(("language", "day"), [
    ("en", "27 Nov 2026"),
    ("fr", "27 nov. 2026"),
    ("es", "27 nov. 2026"),
])
def test_dates_in_tables_abbreviate_the_month_as_the_language_does(language, day):
    with translation.override(language):
        assert short_date(dt.date(2026, 11, 27)) == day


@pytest.mark.django_db
def test_a_validation_message_is_translated(company_a):
    letter = factories.CommunicationFactory.build(
        company=company_a, sent_on=office_today() + dt.timedelta(days=30))
    with translation.override("es"), pytest.raises(ValidationError) as raised:
        letter.clean()
    assert raised.value.message_dict["sent_on"] == ["Una carta no puede enviarse en el futuro."]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading", "count"), [
    ("fr", "Registre public des lettres", "1 lettre publiée"),
    ("es", "Registro público de cartas", "1 carta publicada"),
])
def test_the_public_register_renders_in_the_language(anonymous_client, language, heading, count):
    factories.CommunicationFactory(sent_on=office_today() - dt.timedelta(days=90))
    with translation.override(language):
        response = anonymous_client.get(reverse("public-list"),
                                        HTTP_ACCEPT_LANGUAGE=language)
    content = response.content.decode()
    assert f"<h1>{heading}</h1>" in content
    assert count in content
    assert "Public register of letters" not in content


@pytest.mark.django_db
def test_the_letter_page_speaks_french(lead_a_client, company_a):
    letter = factories.CommunicationFactory(
        company=company_a, sent_on=office_today() - dt.timedelta(days=64))
    with translation.override("fr"):
        response = lead_a_client.get(reverse("letter-detail", args=[letter.pk]),
                                     HTTP_ACCEPT_LANGUAGE="fr")
    content = response.content.decode()
    assert "<h2 id=\"timeline-heading\">Chronologie</h2>" in content
    assert "En retard de 4 jours" in content
    assert f"Lettre envoyée à {company_a.name}" in content
