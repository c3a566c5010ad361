"""Every list costs the same number of queries for 1 row as for 200 (no query per row)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/communications/",
    "/api/v1/deadlines/",
    "/api/v1/deadlines/?deadline_status=replied_on_time,replied_late,open,due_soon,overdue",
    "/api/v1/public/communications/",
    "/api/v1/mandates/",
    "/api/v1/mandate-holders/",
    "/api/v1/companies/",
    "/api/v1/contacts/",
]


@pytest.fixture
def many_of_everything(company_a, issue_owner_a):
    """Enough rows of every kind to fill a page of 200 more than once over."""
    mandates = [factories.MandateFactory() for _ in range(3)]
    for mandate in mandates:
        factories.MandateHolderFactory(mandate=mandate, term_start=dt.date(2023, 1, 1),
                                       term_end=dt.date(2025, 12, 31))
    for n in range(6):
        company = factories.CompanyFactory()
        factories.FormerNameFactory(company=company)
        factories.ContactFactory(company=company)
        for age in (5, 200):  # one confidential, one published
            letter = factories.CommunicationFactory(
                company=company, sent_on=dt.date(2024, 3, 1) - dt.timedelta(days=age + n),
                mandates=mandates[: 1 + n % 3], assignee=None)
            factories.ResponseFactory(communication=letter, kind="interim",
                                      received_on=letter.sent_on)
    return mandates


def _queries(client, url: str, page_size: int) -> tuple[int, int]:
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(f"{url}{separator}page_size={page_size}")
    assert answer.status_code == 200
    return len(captured), len(answer.json()["results"])


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_queries_for_one_row_and_for_200(url, staff_api,
                                                               many_of_everything):
    one, rows_of_one = _queries(staff_api, url, 1)
    many, rows_of_many = _queries(staff_api, url, 200)

    assert rows_of_one == 1 and rows_of_many > 1
    assert one == many, f"{url}: {one} queries for 1 row, {many} for {rows_of_many}"


def test_the_deadline_poll_is_three_queries(staff_api, many_of_everything):
    """Token and user, the count, the page: nothing else."""
    assert _queries(staff_api, "/api/v1/deadlines/", 50)[0] == 3
