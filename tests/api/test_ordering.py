"""Ordering letter lists: every ordering pages through each letter exactly once."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ordering", [",,,", "due_on", "-sent_on,,", "reference"])
def test_every_ordering_pages_through_each_letter_once(staff_api, company_a, ordering):
    from tests.factories import CommunicationFactory

    letters = {CommunicationFactory(company=company_a, sent_on=dt.date(2024, 2, 1)).reference
               for _ in range(7)}  # the same dates: only the tie-breaker orders them
    seen = []
    for page in (1, 2, 3):
        answer = staff_api.get(f"/api/v1/communications/?ordering={ordering}&page_size=3"
                               f"&page={page}")
        assert answer.status_code == 200
        seen += [row["reference"] for row in answer.json()["results"]]
    assert sorted(seen) == sorted(letters)


@pytest.mark.parametrize("path", ["/api/v1/communications/", "/api/v1/deadlines/"])
def test_empty_status_entries_are_ignored_not_a_500(staff_api, letter_a, letter_b, path):
    everything = staff_api.get(path).json()
    answer = staff_api.get(f"{path}?deadline_status=,")
    assert answer.status_code == 200
    assert answer.json() == everything
