"""The API in three languages: values never change, labels follow Accept-Language.

Labels are compared with the catalogue's own translation of each English label, so
that these tests hold whatever wording the translators choose; each also checks that
the translation exists (differs from the English), or it would prove nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from engagements.deadlines import DeadlineStatus
from engagements.models import Language, LetterType, ResponseKind
from tests import factories

pytestmark = pytest.mark.django_db


def translated(label, language: str) -> str:
    with translation.override(language):
        text = str(label)
    with translation.override("en"):
        assert text != str(label), f"no {language} translation of {label!r} in locale/"
    return text


def test_codes_stay_and_labels_follow_accept_language(staff_api, letter_a, letter_b):
    for language in ("fr", "es"):
        answer = staff_api.get("/api/v1/communications/", HTTP_ACCEPT_LANGUAGE=language)
        assert answer["Content-Language"] == language
        rows = {row["reference"]: row for row in answer.json()["results"]}
        row = rows["UA OTH 3/2024"]
        assert (row["letter_type"], row["deadline_status"], row["language"]) == (
            "UA", "due_soon", "en")
        assert row["letter_type_label"] == translated(LetterType.UA.label, language)
        assert row["deadline_status_label"] == translated(DeadlineStatus.DUE_SOON.label,
                                                          language)
        assert row["language_label"] == translated(Language.ENGLISH.label, language)
        # The fast list and the serializer say the same, in the same language.
        one = staff_api.get(f"/api/v1/communications/{letter_b.pk}/",
                            HTTP_ACCEPT_LANGUAGE=language).json()
        assert {name: one[name] for name in row} == row
    english = staff_api.get(f"/api/v1/communications/{letter_b.pk}/").json()
    assert (english["letter_type_label"], english["deadline_status_label"]) == (
        "Urgent appeal", "Due soon")


def test_the_deadlines_and_the_public_register_have_labels_too(staff_api, anonymous_api,
                                                               letter_b, company_b, privacy):
    deadline = staff_api.get("/api/v1/deadlines/", HTTP_ACCEPT_LANGUAGE="es"
                             ).json()["results"][0]
    assert deadline["deadline_status_label"] == translated(DeadlineStatus.DUE_SOON.label,
                                                           "es")
    published = factories.CommunicationFactory(company=company_b, letter_type="OL",
                                               sent_on=letter_b.sent_on.replace(day=1,
                                                                                month=1),
                                               mandates=[privacy], language="fr")
    factories.ResponseFactory(communication=published,
                              received_on=published.sent_on.replace(day=20))
    row = anonymous_api.get("/api/v1/public/communications/", HTTP_ACCEPT_LANGUAGE="fr"
                            ).json()["results"][0]
    assert (row["letter_type"], row["language"]) == ("OL", "fr")
    assert row["letter_type_label"] == translated(LetterType.OL.label, "fr")
    assert row["language_label"] == translated(Language.FRENCH.label, "fr")
    assert row["responses"][0]["kind_label"] == translated(ResponseKind.FINAL.label, "fr")


def test_the_api_ignores_the_pages_language_cookie(staff_api, letter_b):
    staff_api.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    answer = staff_api.get(f"/api/v1/communications/{letter_b.pk}/",
                           HTTP_ACCEPT_LANGUAGE="es")
    assert answer["Content-Language"] == "es"
    assert answer.json()["letter_type_label"] == translated(LetterType.UA.label, "es")
    assert staff_api.get(f"/api/v1/communications/{letter_b.pk}/")["Content-Language"] == "en"


@pytest.mark.parametrize("url", ["/api/v1/deadlines/", "/api/v1/communications/"])
def test_a_cached_page_is_never_served_in_another_language(list_cache, staff_api, letter_b,
                                                          url):
    english = staff_api.get(url).json()["results"][0]["deadline_status_label"]
    french = staff_api.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["results"][0]
    assert english == "Due soon"
    assert french["deadline_status_label"] == translated(DeadlineStatus.DUE_SOON.label, "fr")
    assert staff_api.get(url).json()["results"][0]["deadline_status_label"] == english


def test_the_public_register_filters_by_the_letters_language(anonymous_api, company_b,
                                                             privacy):
    def publish(language: str):
        letter = factories.CommunicationFactory(company=company_b, language=language,
                                                mandates=[privacy],
                                                sent_on=dt.date(2023, 11, 2))
        return letter.reference

    french, spanish = publish("fr"), publish("es")
    url = "/api/v1/public/communications/"
    assert [row["reference"] for row in anonymous_api.get(f"{url}?language=fr"
                                                          ).json()["results"]] == [french]
    assert [row["reference"] for row in anonymous_api.get(f"{url}?language=es"
                                                          ).json()["results"]] == [spanish]
    assert anonymous_api.get(f"{url}?language=de").status_code == 400


def test_the_schema_documents_accept_language(anonymous_api):
    schema = anonymous_api.get("/api/v1/schema/?format=json").json()
    assert "Accept-Language" in schema["info"]["description"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = [parameter["name"] for parameter in operation.get("parameters", [])]
            assert names.count("Accept-Language") == 1, (method, path)
    letter = schema["components"]["schemas"]["Communication"]["properties"]
    assert {"letter_type_label", "deadline_status_label", "language_label"} <= set(letter)
