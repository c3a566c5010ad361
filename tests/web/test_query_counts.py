"""The letters list, the board and the mandate directory issue the same number of queries
for 1 or 30 letters."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _letters(company, count: int, mandates) -> None:
    for index in range(count):
        letter = factories.CommunicationFactory.create(company=company, mandates=mandates)
        if index % 3 == 0:
            factories.ResponseFactory(communication=letter, received_on=letter.sent_on)
        if index % 2 == 0:
            letter.assignee = factories.ContactFactory.create(company=company)
            letter.save()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("client_name", "url_name"), [
    ("lead_a_client", "letter-list"), ("staff_client", "letter-list"),
    ("staff_client", "board"), ("anonymous_client", "public-list"),
    ("lead_a_client", "mandate-list"), ("anonymous_client", "mandate-list"),
])
def test_a_list_issues_a_constant_number_of_queries(request, today, company_a,
                                                    privacy_mandate, expression_mandate,
                                                    client_name, url_name):
    client = request.getfixturevalue(client_name)
    url = reverse(url_name)
    mandates = [privacy_mandate, expression_mandate]
    _letters(company_a, 1, mandates)
    with_one = _queries(client, url)
    _letters(company_a, 29, mandates)
    with_thirty = _queries(client, url)
    assert with_thirty == with_one, (with_one, with_thirty)
    # A page, its filters and its figures; not one query per row. The board also shows
    # the letters whose public version is late and the response rates (publication/),
    # and the overdue follow-up actions per company (dialogues/).
    assert with_one <= (20 if url_name == "board" else 15)
