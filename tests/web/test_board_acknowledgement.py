"""The board's acknowledgement of receipt: per company, letters announced, acknowledged
and not, the median time to acknowledge, and the letters still waiting."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagements import selectors
from engagements.models import Communication
from tests import factories

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")


def _at(day: int, hour: int, month: int = 6) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, tzinfo=GENEVA)


@pytest.fixture
def receipts(today, company_a, company_b, privacy_mandate):
    """Today is Monday 10 June 2024."""
    def letter(company, sent_on, logged, acknowledged=None, replied_on=None):
        created = factories.CommunicationFactory.create(company=company, sent_on=sent_on,
                                                        mandates=[privacy_mandate])
        Communication.objects.filter(pk=created.pk).update(created_at=logged,
                                                           acknowledged_at=acknowledged)
        if replied_on:
            factories.ResponseFactory(communication=created, received_on=replied_on)
        return created

    june_1 = dt.date(2024, 6, 1)
    return {
        # Meta: acknowledged after 1, 1.5 and 4 days: the median is 1.5.
        "a_1_day": letter(company_a, june_1, _at(3, 9), _at(4, 9)),
        "a_36_hours": letter(company_a, june_1, _at(3, 12), _at(5, 0)),
        "a_4_days": letter(company_a, june_1, _at(4, 12), _at(8, 12)),
        # Logged on Friday, still waiting on Monday: 1 working day.
        "a_waiting": letter(company_a, dt.date(2024, 6, 6), _at(7, 12)),
        # Answered without an acknowledgement: not acknowledged, no longer chased.
        "a_answered": letter(company_a, dt.date(2024, 5, 1), _at(2, 12, month=5),
                             replied_on=dt.date(2024, 5, 20)),
        # Logged after its 60 days had run: never announced, so not counted.
        "a_historical": letter(company_a, dt.date(2024, 1, 8), _at(3, 12)),
        # Google: acknowledged after 12 hours; another waiting since Wednesday 29 May.
        "b_half_day": letter(company_b, dt.date(2024, 5, 24), _at(27, 6, month=5),
                             _at(27, 18, month=5)),
        "b_waiting": letter(company_b, dt.date(2024, 5, 28), _at(29, 12, month=5)),
    }


def test_per_company_counts_and_median_time_to_acknowledge(staff_client, receipts):
    response = staff_client.get(reverse("board"))
    rows = [(row.label, row.announced, row.acknowledged, row.not_acknowledged,
             row.median_days, row.waiting) for row in response.context["receipt"]]
    assert rows == [("Google", 2, 1, 1, pytest.approx(0.5), 1),
                    ("Meta", 5, 3, 2, pytest.approx(1.5), 1)]
    content = response.content.decode()
    section = content[content.index('id="receipt-heading"'):content.index('id="list-heading"')]
    assert "1.5 days" in section and "0.5 days" in section
    assert "3 (60%)" in section and "1 (50%)" in section
    # The slowest company's bar is the full width, the other in proportion.
    assert 'bar__fill--wait" width="100%"' in section
    assert 'bar__fill--wait" width="33%"' in section


def test_the_figures_are_one_query(receipts):
    with CaptureQueriesContext(connection) as queries:
        selectors.acknowledgement_by_company(Communication.objects.all())
    assert len(queries) == 1


def test_the_letters_still_waiting_longest_first_in_working_days(staff_client, receipts):
    response = staff_client.get(reverse("board"))
    waiting = [(item.letter.pk, item.working_days)
               for item in response.context["awaiting_receipt"]]
    assert waiting == [(receipts["b_waiting"].pk, 8), (receipts["a_waiting"].pk, 1)]
    content = response.content.decode()
    section = content[content.index('id="waiting-heading"'):content.index('id="list-heading"')]
    assert "2 letters still await acknowledgement." in section
    assert "waiting 8 working days" in section and "waiting 1 working day<" in section
    assert reverse("letter-detail", args=[receipts["a_waiting"].pk]) in section
    assert reverse("letter-detail", args=[receipts["a_answered"].pk]) not in section


def test_the_section_follows_the_boards_filters(staff_client, receipts, company_a):
    response = staff_client.get(reverse("board") + f"?company={company_a.pk}")
    assert [row.label for row in response.context["receipt"]] == ["Meta"]
    assert [item.letter.pk for item in response.context["awaiting_receipt"]] == [
        receipts["a_waiting"].pk]


def test_an_acknowledgement_takes_the_letter_off_the_waiting_list(staff_client, lead_a_client,
                                                                   receipts):
    lead_a_client.post(reverse("letter-acknowledge", args=[receipts["a_waiting"].pk]))
    response = staff_client.get(reverse("board"))
    assert [item.letter.pk for item in response.context["awaiting_receipt"]] == [
        receipts["b_waiting"].pk]
    meta = response.context["receipt"][1]
    assert (meta.acknowledged, meta.waiting) == (4, 0)


def test_only_staff_see_it(lead_a_client, anonymous_client, receipts):
    assert lead_a_client.get(reverse("board")).status_code == 403
    assert anonymous_client.get(reverse("board")).status_code == 302
