"""A bad search is a 400 naming the field, never a 500."""

from __future__ import annotations

import pytest

from tests.search.conftest import search_api


@pytest.mark.parametrize(("params", "field"), [
    ({}, "q"),
    ({"q": ""}, "q"),
    ({"q": "   "}, "q"),
    ({"q": "\x00"}, "q"),
    ({"q": "x" * 201}, "q"),
    ({"q": "privacy", "kind": "dialogue-of-the-deaf"}, "kind"),
    ({"q": "privacy", "company": "meta"}, "company"),
    ({"q": "privacy", "company": "999999"}, "company"),
    ({"q": "privacy", "mandate": "-1"}, "mandate"),
    ({"q": "privacy", "topic": "999999"}, "topic"),
    ({"q": "privacy", "year": "twenty"}, "year"),
    ({"q": "privacy", "year": "1066"}, "year"),
    ({"q": "privacy", "page": "0"}, "page"),
])
def test_bad_input_is_a_400_naming_the_field(api_for, params, field):
    answer = search_api(api_for("anonymous"), **params)

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize("text", ['"unclosed', "a & | ! b", "-", "or or or", "(", "'",
                                  ":*", "the", "\\", "%_"])
def test_any_text_searches_without_error(api_for, text):
    answer = search_api(api_for("staff"), q=text)

    assert answer.status_code == 200
    assert answer.json()["count"] == 0


def test_a_page_past_the_end_shows_the_last_page(api_for, company_a):
    from tests import factories

    factories.CommunicationFactory(company=company_a, subject="Geofencing warrants")
    answer = search_api(api_for("staff"), q="geofencing", page=40)

    assert answer.status_code == 200
    assert (answer.json()["page"], answer.json()["pages"], answer.json()["count"]) == (1, 1, 1)
