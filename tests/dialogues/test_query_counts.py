"""The new lists cost the same number of queries for a few rows as for many."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.dialogues.conftest import GENEVA

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/dialogues/", "/api/v1/actions/", "/api/v1/public/dialogues/",
         "/dialogues/", "/actions/?pending=true", "/public/dialogues/", "/my-work/", "/board/"]


def _add(company, mandate, n):
    contact = factories.ContactFactory(company=company)
    for i in range(n):
        dialogue = factories.DialogueFactory(
            companies=[company], mandates=[mandate], representatives=[contact],
            confidentiality="public" if i % 2 else "confidential",
            starts_at=dt.datetime(2024, 1, 1 + i, 10, tzinfo=GENEVA))
        factories.QuestionFactory(dialogue=dialogue)
        factories.FollowUpActionFactory(dialogue=dialogue, owner_contact=contact,
                                        due_on=dt.date(2024, 6, 1 + i))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_for_two_rows_as_for_twelve(today, lead_a, staff, company_a,
                                                          url):
    from django.test import Client

    mandate = factories.MandateFactory()
    factories.MandateHolderFactory(mandate=mandate, term_start=dt.date(2023, 1, 1),
                                   term_end=dt.date(2025, 12, 31))
    client = Client()
    client.force_login(staff if url == "/board/" else lead_a)
    _add(company_a, mandate, 2)
    few = _count(client, url)
    _add(company_a, mandate, 10)
    assert _count(client, url) == few
