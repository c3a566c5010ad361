"""The search page: a box in every page's header, results the reader may see."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories
from tests.search.conftest import PUBLISHED, RECENT


@pytest.fixture
def letters(company_a, company_b):
    mine = factories.CommunicationFactory(company=company_a, sent_on=RECENT,
                                          subject="Facial recognition at borders")
    theirs = factories.CommunicationFactory(company=company_b, sent_on=RECENT,
                                            subject="Facial recognition in stadiums")
    public = factories.CommunicationFactory(company=company_b, sent_on=PUBLISHED,
                                            subject="Facial recognition in schools")
    return mine, theirs, public


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["staff", "lead_a", "anonymous"])
def test_every_page_has_the_search_box(persona, request, db):
    user = request.getfixturevalue(persona) if persona != "anonymous" else None
    page = _client(user).get("/public/").content.decode()

    assert 'action="/search/"' in page and 'id="site-search-q"' in page


def test_a_lead_finds_their_letter_and_the_published_one_not_the_other_companys(
        lead_a, letters):
    mine, theirs, public = letters

    answer = _client(lead_a).get("/search/", {"q": "facial recognition"})

    page = answer.content.decode()
    assert answer.status_code == 200
    assert f'href="/letters/{mine.pk}/"' in page and f'href="/public/{public.pk}/"' in page
    assert theirs.reference not in page and "stadiums" not in page
    assert "<mark>Facial</mark> <mark>recognition</mark>" in page
    assert "2 results" in page


def test_a_visitor_searches_the_public_register(letters):
    mine, theirs, public = letters

    page = _client(None).get("/search/", {"q": "facial", "kind": "letter"}).content.decode()

    assert public.reference in page
    assert mine.reference not in page and theirs.reference not in page
    assert "1 result" in page


def test_a_search_too_long_shows_the_error_summary(staff):
    answer = _client(staff).get("/search/", {"q": "x" * 201})

    page = answer.content.decode()
    assert answer.status_code == 200
    assert 'class="error-summary"' in page and 'href="#id_q"' in page
    assert 'aria-invalid="true"' in page


def test_the_page_before_any_search_shows_no_error(staff):
    page = _client(staff).get("/search/").content.decode()

    assert 'class="error-summary"' not in page and "<h1>Search</h1>" in page
