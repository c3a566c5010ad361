"""Confidentiality over results, counts and facets, for the four personas.

Meta (company A) and Google (company B) each have a confidential letter with a reply
and a note; Google also has a published letter with a reply whose PDF (never public)
holds a word found nowhere else. "Zebra" is in every record; "quokka" only in the PDF.
A third company, known here only by a confidential letter, is called Zebra Networks.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from search.models import Document
from search.services import stored_files_extract
from tests import factories
from tests.search.conftest import PUBLISHED, RECENT


@pytest.fixture
def records(company_a, company_b):
    def letter(company, sent_on, subject):
        found = factories.CommunicationFactory(company=company, sent_on=sent_on, subject=subject)
        factories.ResponseFactory(communication=found, body=f"Reply on {subject}")
        factories.NoteFactory(communication=found, body=f"Note on {subject}")
        return found

    confidential_a = letter(company_a, RECENT, "Zebra crossing cameras in Lagos")
    confidential_b = letter(company_b, RECENT, "Zebra stripes of the search engine")
    published_b = factories.CommunicationFactory(company=company_b, sent_on=PUBLISHED,
                                                 subject="Zebra maps of protests")
    reply = factories.ResponseFactory(communication=published_b, body="Zebra answer")
    reply.attachment.save("reply.pdf", ContentFile(factories.pdf_with_text(
        "Victim named Quokka Smith")))
    third = factories.CompanyFactory(name="Zebra Networks")
    factories.CommunicationFactory(company=third, sent_on=RECENT, subject="Firmware")
    stored_files_extract()
    return {"a": confidential_a, "b": confidential_b, "published": published_b,
            "third": third}


# Dialogues, their questions and calls (tests/search/test_dialogues_and_calls.py): none
# here.
NEW_KINDS = {"dialogue": 0, "question": 0, "call": 0}

EXPECTED = {
    # persona: (letters, replies, notes, companies) found by "zebra"
    "staff": {"letter": 3, "reply": 3, "note": 2, "mandate": 0, "company": 1, **NEW_KINDS},
    "lead_a": {"letter": 2, "reply": 2, "note": 1, "mandate": 0, "company": 0, **NEW_KINDS},
    "lead_b": {"letter": 2, "reply": 2, "note": 1, "mandate": 0, "company": 0, **NEW_KINDS},
    "anonymous": {"letter": 1, "reply": 1, "note": 0, "mandate": 0, "company": 0, **NEW_KINDS},
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_finds_and_counts_only_what_it_may_see(persona, records, api_for):
    answer = api_for(persona).get("/api/v1/search/", {"q": "zebra"})

    assert answer.status_code == 200
    body = answer.json()
    assert body["facets"] == EXPECTED[persona]
    assert body["count"] == sum(EXPECTED[persona].values()) == len(body["results"])
    page = answer.content.decode()
    # Nothing of another company's confidential letter: no reference, no word of it.
    hidden = {"staff": [], "lead_a": [records["b"]], "lead_b": [records["a"]],
              "anonymous": [records["a"], records["b"]]}[persona]
    for letter in hidden:
        assert letter.reference not in page
        assert letter.subject.split()[1] not in page  # "crossing", "stripes"
    if persona != "staff":
        assert "Zebra Networks" not in page


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_the_kind_filter_keeps_every_count(persona, records, api_for):
    answer = api_for(persona).get("/api/v1/search/", {"q": "zebra", "kind": "note"})

    assert answer.json()["facets"] == EXPECTED[persona]
    assert answer.json()["count"] == EXPECTED[persona]["note"]
    assert {row["kind"] for row in answer.json()["results"]} <= {"note"}


@pytest.mark.parametrize(("persona", "found"), [
    ("staff", 1), ("lead_b", 1), ("lead_a", 0), ("anonymous", 0)])
def test_the_text_of_a_pdf_is_searched_only_by_those_who_may_see_the_confidential_record(
        persona, found, records, api_for):
    answer = api_for(persona).get("/api/v1/search/", {"q": "quokka"})

    assert answer.json()["count"] == found
    assert sum(answer.json()["facets"].values()) == found
    if found:
        assert "<mark>Quokka</mark> Smith" in answer.json()["results"][0]["snippet"]
    else:
        assert "Quokka" not in answer.content.decode()


def test_a_lead_is_led_to_its_own_letter_page_and_to_the_public_page_of_others(
        records, api_for):
    urls = {row["title"]: row["url"] for row in api_for("lead_a").get(
        "/api/v1/search/", {"q": "zebra", "kind": "letter"}).json()["results"]}

    assert urls[f"{records['a'].reference} · {records['a'].subject}"].endswith(
        f"/letters/{records['a'].pk}/")
    assert urls[f"{records['published'].reference} · {records['published'].subject}"] \
        .endswith(f"/public/{records['published'].pk}/")


def test_filters_by_company_mandate_and_year_never_widen_the_scope(records, api_for,
                                                                   company_b):
    lead_a = api_for("lead_a")
    by_company = lead_a.get("/api/v1/search/", {"q": "zebra", "company": company_b.pk}).json()
    assert by_company["facets"] == {"letter": 1, "reply": 1, "note": 0, "mandate": 0,
                                    "company": 0, **NEW_KINDS}
    mandate = records["published"].mandates.get()
    by_mandate = lead_a.get("/api/v1/search/", {"q": "zebra", "mandate": mandate.pk}).json()
    assert by_mandate["facets"] == {"letter": 1, "reply": 1, "note": 0, "mandate": 0,
                                    "company": 0, **NEW_KINDS}
    by_year = api_for("staff").get("/api/v1/search/", {"q": "zebra", "year": 2023}).json()
    assert by_year["facets"] == {"letter": 1, "reply": 1, "note": 0, "mandate": 0,
                                 "company": 0, **NEW_KINDS}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_the_index_applies_the_same_rule_as_the_records(persona, records, request):
    """Each document the persona may find is one of a record it may find (each Source's
    `findable`, through visible_to and published), and the other way round; a PDF's
    text only for a record it may see as confidential."""
    from django.contrib.auth.models import AnonymousUser

    from btech.office_time import office_today
    from search.selectors import visible_documents
    from search.sources import SOURCES

    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    today = office_today()
    expected = set()
    for source in SOURCES.values():
        # A record with a public part (a public dialogue): its confidential text for
        # those who may see it in full, its public part for whoever may find it.
        text = source.confidential(user) if source.public_fields and source.confidential \
            else source.findable(user, today)
        expected |= {(source.kind, pk, "text") for pk in text.values_list("pk", flat=True)}
        if source.public_fields:
            expected |= {(source.kind, pk, "pub")
                         for pk in source.findable(user, today).values_list("pk", flat=True)}
        if source.confidential is not None and source.file_column:
            expected |= {(source.kind, pk, "file")
                         for pk in source.confidential(user).values_list("pk", flat=True)}
    every = set(Document.objects.values_list("kind", "object_id", "part"))

    found = set(visible_documents(user, today).values_list("kind", "object_id", "part"))

    assert found == expected & every
    assert ("reply", records["published"].responses.get().pk, "file") in every


def test_a_letter_made_public_early_by_a_press_release_is_found_at_once(
        api_for, company_a, staff):
    import datetime as dt

    from engagements import services
    from tests.search.conftest import TODAY

    letter = factories.CommunicationFactory(company=company_a, sent_on=RECENT,
                                            subject="Crackdown on streamers")
    factories.ResponseFactory(communication=letter, body="Crackdown answered",
                              received_on=TODAY - dt.timedelta(days=1))
    visitor = api_for("anonymous")
    assert visitor.get("/api/v1/search/", {"q": "crackdown"}).json()["count"] == 0

    services.communication_update(communication=letter, press_release_on=TODAY)

    answer = visitor.get("/api/v1/search/", {"q": "crackdown"}).json()
    assert answer["facets"] == {"letter": 1, "reply": 1, "note": 0, "mandate": 0,
                                "company": 0, **NEW_KINDS}
