from __future__ import annotations

from tests import factories
from tests.search.conftest import PUBLISHED, RECENT


def test_a_word_in_a_subject_ranks_above_the_same_word_in_a_reply(api_for, company_a):
    in_reply = factories.CommunicationFactory(company=company_a, sent_on=RECENT,
                                              subject="Content removal in Myanmar")
    factories.ResponseFactory(communication=in_reply,
                              body="Our encryption policy protects journalists.")
    in_subject = factories.CommunicationFactory(company=company_a, sent_on=PUBLISHED,
                                                subject="Encryption backdoors")

    answer = api_for("staff").get("/api/v1/search/", {"q": "encryption"})

    assert answer.status_code == 200, answer.content
    found = [(row["kind"], row["title"]) for row in answer.json()["results"]]
    assert found[0] == ("letter", f"{in_subject.reference} · Encryption backdoors")
    assert found[1][0] == "reply"
    assert "<mark>" in answer.json()["results"][0]["snippet"]
