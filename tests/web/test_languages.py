"""Which language a page is in: the browser's on a first visit, the switcher's choice
after, a signed-in person's profile everywhere, and the public register's address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from engagements.models import LETTER_IN
from tests import factories
from tests.web.html import elements

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no <html lang>"
    return match.group(1)


def switch(client: Client, language: str, next_url: str, **extra):
    return client.post(reverse("set-language"), {"language": language, "next": next_url},
                       **extra)


def test_a_first_visit_follows_the_browsers_language():
    for header, expected in (("fr-CH,fr;q=0.9,en;q=0.5", "fr"), ("es-419", "es"),
                             ("de-DE,de;q=0.9", "en"), ("", "en")):
        page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE=header)
        assert (lang(page), page["Content-Language"]) == (expected, expected), header
        assert "Accept-Language" in page["Vary"] and "Cookie" in page["Vary"]


def test_every_page_offers_each_language_in_its_own_words():
    page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")
    content = page.content.decode()
    offered = {button["value"]: button for button in elements(content, "button",
                                                                 name="language")}
    assert set(offered) == {"en", "es"}  # French is the page's own: shown, not offered
    assert all(offered[code]["lang"] == code for code in offered)
    assert ">English</button>" in content and ">Español</button>" in content
    current = elements(content, "span", aria_current="true")
    assert [span["lang"] for span in current] == ["fr"]
    assert 'lang="fr" aria-current="true">Français</span>' in content


def test_the_switcher_remembers_a_visitors_choice_in_a_cookie():
    client = Client()
    answer = switch(client, "es", reverse("mandate-list"))
    assert answer.status_code == 302 and answer["Location"] == reverse("mandate-list")
    assert client.cookies[COOKIE].value == "es"
    assert lang(client.get(reverse("mandate-list"), HTTP_ACCEPT_LANGUAGE="fr")) == "es"


def test_the_switcher_goes_back_only_to_this_site():
    answer = switch(Client(), "fr", "https://elsewhere.example/phish")
    assert answer.status_code == 302 and answer["Location"] == "/"


def test_a_visitors_pages_carry_no_csrf_cookie_for_the_switcher():
    page = Client().get(reverse("public-list"))
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert settings.CSRF_COOKIE_NAME not in page.cookies
    assert Client(enforce_csrf_checks=True).post(
        reverse("set-language"), {"language": "fr", "next": "/"}).status_code == 302


def test_a_signed_in_persons_choice_is_kept_in_their_profile(lead_a, lead_a_client):
    answer = switch(lead_a_client, "fr", reverse("letter-list"))
    assert answer.status_code == 302
    lead_a.refresh_from_db()
    assert lead_a.language == "fr"
    # Another browser, which prefers Spanish and has never seen the switcher.
    elsewhere = Client()
    elsewhere.force_login(lead_a)
    page = elsewhere.get(reverse("letter-list"), HTTP_ACCEPT_LANGUAGE="es")
    assert lang(page) == "fr"
    # Signed out, the browser's own language again.
    assert lang(Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es")) == "es"


def test_a_signed_in_persons_switch_needs_the_pages_csrf_token(lead_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead_a)
    assert switch(client, "es", "/").status_code == 403
    lead_a.refresh_from_db()
    assert lead_a.language == ""
    page = client.get(reverse("letter-list"))
    token = elements(page.content.decode(), "input", name="csrfmiddlewaretoken")[0]["value"]
    answer = client.post(reverse("set-language"), {"language": "es", "next": "/",
                                                   "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    lead_a.refresh_from_db()
    assert lead_a.language == "es"


def test_a_language_that_is_not_offered_changes_nothing(lead_a, lead_a_client):
    switch(lead_a_client, "de", "/")
    lead_a.refresh_from_db()
    assert lead_a.language == ""
    assert COOKIE not in lead_a_client.cookies


def test_the_public_register_is_linked_in_each_language(published_b):
    detail = reverse("public-detail", args=[published_b.pk])
    with translation.override("fr"):
        french = reverse("public-detail", args=[published_b.pk])
    assert (detail, french) == (f"/public/{published_b.pk}/", f"/fr/public/{published_b.pk}/")
    visitor = Client()
    switch(visitor, "es", "/")
    for url, expected in ((detail, "en"), (french, "fr"),
                          (f"/es/public/{published_b.pk}/", "es"), ("/fr/public/", "fr")):
        page = visitor.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert page.status_code == 200 and lang(page) == expected, url
    french_page = visitor.get(french).content.decode()
    # Django's own French: the month in the date the letter was sent (5 January 2024).
    assert "5 janvier 2024" in french_page
    # Its links stay in French.
    assert 'href="/fr/public/"' in french_page
    # (Spanish writes "5 de enero de 2024" as its DATE_FORMAT: templates that write
    # "j F Y" by hand still say "5 enero 2024".)
    assert re.search(r"5 (de )?enero (de )?2024", visitor.get(
        f"/es/public/{published_b.pk}/").content.decode())


def test_switching_on_the_register_moves_to_its_address_in_that_language(published_b):
    detail = f"/public/{published_b.pk}/"
    visitor = Client()
    assert switch(visitor, "fr", detail)["Location"] == f"/fr/public/{published_b.pk}/"
    # From the French address back to English, whatever the cookie says meanwhile.
    assert switch(visitor, "en", f"/fr/public/{published_b.pk}/")["Location"] == detail
    visitor.cookies[COOKIE] = "es"
    assert switch(visitor, "en", f"/fr/public/{published_b.pk}/?page=2")["Location"] == (
        detail + "?page=2")


def test_the_other_pages_have_no_language_prefix():
    assert Client().get("/fr/mandates/").status_code == 404
    assert Client().get("/en/public/").status_code == 404
    # A missing slash is added in the address's language.
    answer = Client().get("/fr/public")
    assert answer.status_code == 301 and answer["Location"] == "/fr/public/"


def test_mandates_are_named_in_the_pages_language_and_found_in_any(privacy_mandate,
                                                                    expression_mandate):
    privacy_mandate.title_fr = "Rapporteur spécial sur le droit à la vie privée"
    privacy_mandate.short_name_fr = "RS vie privée"
    privacy_mandate.save()
    french = Client().get(reverse("mandate-list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Rapporteur spécial sur le droit à la vie privée" in french
    assert "RS vie privée" in french
    # No French written yet: the English shows.
    assert "Special Rapporteur on freedom of opinion and expression" in french
    english = Client().get(reverse("mandate-list") + "?q=vie+priv").content.decode()
    assert "Special Rapporteur on the right to privacy" in english
    assert "freedom of opinion" not in english


def test_the_register_says_each_letters_language_and_filters_by_it(published_b, company_b,
                                                                    expression_mandate):
    french = factories.CommunicationFactory(
        reference="AL OTH 1/2024", company=company_b, sent_on=dt.date(2024, 1, 3),
        language="fr", subject="Lettre publiée", mandates=[expression_mandate])
    page = Client().get(reverse("public-list"))
    assert [letter.pk for letter in page.context["page"]] == [french.pk, published_b.pk] or [
        letter.pk for letter in page.context["page"]] == [published_b.pk, french.pk]
    content = page.content.decode()
    assert "Letter in French" in content and "Letter in English" in content
    only_french = Client().get(reverse("public-list") + "?language=fr")
    assert [letter.pk for letter in only_french.context["page"]] == [french.pk]
    # In French, the register says it in French (the catalogue's words).
    with translation.override("fr"):
        letter_in_french = str(LETTER_IN["fr"])
    assert letter_in_french != "Letter in French"
    assert letter_in_french in Client().get("/fr/public/?language=fr").content.decode()
    detail = Client().get(f"/public/{french.pk}/").content.decode()
    assert "Letter in French" in detail


def test_the_api_reference_page_says_which_language_it_is_in(staff_client):
    page = staff_client.get("/api/v1/docs/reference/", HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert '<html lang="es">' in page.content.decode()
