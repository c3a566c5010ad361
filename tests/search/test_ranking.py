"""What a search finds first, and in which language it reads each record."""

from __future__ import annotations

from tests import factories
from tests.search.conftest import PUBLISHED, RECENT


def _found(answer):
    assert answer.status_code == 200, answer.content
    return [(row["kind"], row["title"]) for row in answer.json()["results"]]


def test_a_word_in_a_subject_ranks_above_the_same_word_in_a_reply(api_for, company_a):
    in_reply = factories.CommunicationFactory(company=company_a, sent_on=RECENT,
                                              subject="Content removal in Myanmar")
    factories.ResponseFactory(communication=in_reply,
                              body="Our encryption policy protects journalists.")
    in_subject = factories.CommunicationFactory(company=company_a, sent_on=PUBLISHED,
                                                subject="Encryption backdoors")

    answer = api_for("staff").get("/api/v1/search/", {"q": "encryption"})

    assert _found(answer) == [("letter", f"{in_subject.reference} · Encryption backdoors"),
                              ("reply", f"Reply to {in_reply.reference}")]
    assert "<mark>Encryption</mark> backdoors" in answer.json()["results"][0]["snippet"]


def test_french_text_is_stemmed_in_french(api_for, company_a):
    letter = factories.CommunicationFactory(
        company=company_a, sent_on=RECENT, language="fr",
        subject="Outils de surveillance des manifestants")
    factories.CommunicationFactory(company=company_a, sent_on=RECENT, language="en",
                                   subject="Tools sold to governments")

    answer = api_for("staff").get("/api/v1/search/", {"q": "surveillé"})

    assert _found(answer) == [("letter", f"{letter.reference} · {letter.subject}")]
    assert "<mark>surveillance</mark>" in answer.json()["results"][0]["snippet"]


def test_accents_are_folded_both_ways_and_the_snippet_keeps_them(api_for, company_a):
    letter = factories.CommunicationFactory(
        company=company_a, sent_on=RECENT, language="es",
        subject="Protección de datos y detención de periodistas")

    for words in ("proteccion", "PROTECCIÓN", "detencion"):
        answer = api_for("staff").get("/api/v1/search/", {"q": words})
        assert _found(answer) == [("letter", f"{letter.reference} · {letter.subject}")], words
    snippet = answer.json()["results"][0]["snippet"]
    assert "datos y <mark>detención</mark> de periodistas" in snippet


def test_a_company_is_found_by_a_former_name_and_a_mandate_in_each_language(
        api_for, company_a):
    factories.FormerNameFactory(company=company_a, name="Facebook")
    mandate = factories.MandateFactory(
        title="Special Rapporteur on the right to privacy", short_name="SR privacy",
        title_fr="Rapporteuse spéciale sur le droit à la vie privée",
        title_es="Relatora Especial sobre el derecho a la privacidad")

    assert _found(api_for("anonymous").get("/api/v1/search/", {"q": "facebook"})) == []
    assert _found(api_for("staff").get("/api/v1/search/", {"q": "facebook"})) == [
        ("company", "Meta")]
    for words in ("privacy", "vie privée", "privacidad"):
        found = _found(api_for("anonymous").get("/api/v1/search/", {"q": words}))
        assert found == [("mandate", mandate.title)], words


def test_user_text_cannot_inject_markup_into_a_snippet(api_for, company_a):
    factories.CommunicationFactory(
        company=company_a, sent_on=RECENT,
        subject='Spyware <script>alert(1)</script> "\ue000" <mark>x</mark>')

    answer = api_for("staff").get("/api/v1/search/", {"q": "spyware"})

    snippet = answer.json()["results"][0]["snippet"]
    # The text search parser drops what looks like a tag; the rest is escaped.
    assert "<mark>Spyware</mark>" in snippet and "alert(1)" in snippet
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1
    assert "<script" not in snippet and "\ue000" not in snippet


def test_a_letter_is_found_by_its_reference_whole_or_in_part(api_for, company_a):
    letter = factories.CommunicationFactory(company=company_a, sent_on=RECENT,
                                            reference="AL OTH 74/2024", subject="Drones")

    for words in ("AL OTH 74/2024", "AL OTH 74", "74/2024"):
        found = _found(api_for("staff").get("/api/v1/search/", {"q": words}))
        assert found == [("letter", f"{letter.reference} · Drones")], words
