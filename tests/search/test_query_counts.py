"""A search costs a fixed number of queries, whatever the number of results: the
counts, the page, its snippets, and one query per kind of record on the page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.sources import SOURCES
from tests import factories
from tests.search.conftest import PUBLISHED, RECENT

BUDGET = 3 + len(SOURCES)
PERSONAS = ("staff", "lead_a", "lead_b", "anonymous")


def _records(company, count):
    for n in range(count):
        letter = factories.CommunicationFactory(
            company=company, sent_on=PUBLISHED if n % 2 else RECENT,
            subject=f"Biometric case {n}")
        factories.ResponseFactory(communication=letter, body="Biometric data is deleted.")
        factories.NoteFactory(communication=letter, body="Biometric follow-up call.")
        if n % 3 == 0:
            dialogue = factories.DialogueFactory(
                title=f"Biometric dialogue {n}", companies=[company],
                confidentiality="public" if n % 2 else "confidential",
                public_summary="Biometric safeguards.")
            factories.QuestionFactory(dialogue=dialogue, text="Biometric consent?")
            factories.CallFactory(title=f"Biometric call {n}")
    factories.MandateFactory(title=f"Biometric mandate {count}")
    factories.CompanyFactory(name=f"Biometric Systems {count}")


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/v1/search/", {"q": "biometric"})
    assert answer.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_results(api_for, company_a, lead_a,
                                                               lead_b):
    _records(company_a, 1)
    few = {persona: _queries(api_for(persona)) for persona in PERSONAS}
    _records(company_a, 30)
    many = {persona: _queries(api_for(persona)) for persona in PERSONAS}

    assert max(*few.values(), *many.values()) <= BUDGET, (few, many)
