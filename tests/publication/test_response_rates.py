"""Public response rates: over published letters only, none below 3 letters."""

from __future__ import annotations

import datetime as dt

import pytest

from publication import services
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 9, 1)


def _company_rows(client, **params):
    answer = client.get("/api/v1/public/stats/", params)
    assert answer.status_code == 200
    return {row["name"]: row for row in answer.json()["companies"]}


def test_rates_need_three_published_letters_and_a_withheld_reply_is_no_reply(
        anonymous_client, staff, frozen_today, company_a,
        company_b, staff_client):
    frozen_today(TODAY)
    sent = dt.date(2024, 5, 1)  # published, and past the due date
    meta = [factories.CommunicationFactory(company=company_a, sent_on=sent) for _ in range(3)]
    factories.ResponseFactory(communication=meta[0], received_on=dt.date(2024, 5, 20))
    late = factories.ResponseFactory(communication=meta[1], received_on=dt.date(2024, 8, 1))
    # Two of Google's: too few for a rate. And one still confidential: not counted.
    for _ in range(2):
        factories.CommunicationFactory(company=company_b, sent_on=sent)
    factories.CommunicationFactory(company=company_b, sent_on=TODAY - dt.timedelta(days=5))

    rows = _company_rows(anonymous_client)
    assert rows["Meta"] | {"id": 0} == {
        "id": 0, "name": "Meta", "year": 2024, "letters": 3, "replied": 2, "replied_rate": 67,
        "replied_on_time": 1, "replied_on_time_rate": 33, "did_not_respond": 1,
        "did_not_respond_rate": 33}
    assert rows["Google"]["letters"] == 2
    assert rows["Google"]["replied_rate"] is None and rows["Google"]["replied"] is None

    services.reply_withhold(response=late, requested_on=TODAY, reason="Safety of staff.",
                            recorded_by=staff)
    rows = _company_rows(anonymous_client)
    assert (rows["Meta"]["replied"], rows["Meta"]["did_not_respond"]) == (1, 2)
    assert _company_rows(anonymous_client, year=2023) == {}
    bad = anonymous_client.get("/api/v1/public/stats/", {"year": "nineteen"})
    assert bad.status_code == 400 and "year" in bad.json()

    page = anonymous_client.get("/public/stats/").content.decode()
    assert "No rate below 3 letters" in page and "33% (1)" in page
    # Staff: every letter and every reply, on the board, with a chart and its table.
    board = staff_client.get("/board/").content.decode()
    assert 'class="line-chart"' in board and "Response rates over time" in board
    assert "67% (2)" in board
