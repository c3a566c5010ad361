"""OHCHR's board: the shared filters, counts by status, overdue list and reply rates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from engagements.filters import CommunicationFilter
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(today, company_a, company_b, privacy_mandate, expression_mandate):
    """Five past letters: A replied on time, A replied late, A no reply (overdue),
    B replied on time, B still open."""
    def letter(company, sent_on, mandates):
        return factories.CommunicationFactory(company=company, sent_on=sent_on,
                                              mandates=mandates)

    a_on_time = letter(company_a, dt.date(2023, 2, 1), [privacy_mandate])
    factories.ResponseFactory(communication=a_on_time, received_on=dt.date(2023, 3, 1))
    a_late = letter(company_a, dt.date(2023, 5, 1), [privacy_mandate, expression_mandate])
    factories.ResponseFactory(communication=a_late, received_on=dt.date(2023, 9, 1))
    a_overdue = letter(company_a, dt.date(2024, 3, 1), [expression_mandate])
    b_on_time = letter(company_b, dt.date(2024, 1, 10), [privacy_mandate])
    factories.ResponseFactory(communication=b_on_time, received_on=dt.date(2024, 2, 1))
    b_open = letter(company_b, dt.date(2024, 6, 1), [privacy_mandate])
    return {"a_on_time": a_on_time, "a_late": a_late, "a_overdue": a_overdue,
            "b_on_time": b_on_time, "b_open": b_open}


def test_the_board_uses_the_apis_filterset(staff_client, history):
    response = staff_client.get(reverse("board"))
    assert isinstance(response.context["filterset"], CommunicationFilter)


def test_the_board_counts_letters_by_status(staff_client, history):
    tiles = {tile["status"].value: tile["count"]
             for tile in staff_client.get(reverse("board")).context["status_tiles"]}
    assert tiles == {"open": 1, "due_soon": 0, "overdue": 1, "replied_on_time": 2,
                     "replied_late": 1}


def test_the_counts_follow_the_filters(staff_client, history, company_b):
    response = staff_client.get(reverse("board") + f"?company={company_b.pk}")
    tiles = {tile["status"].value: tile["count"] for tile in response.context["status_tiles"]}
    assert tiles["replied_on_time"] == 1 and tiles["overdue"] == 0
    assert response.context["total"] == 2


def test_the_board_lists_overdue_letters_with_a_link_to_extend(staff_client, history):
    response = staff_client.get(reverse("board"))
    assert [letter.pk for letter in response.context["overdue"]] == [history["a_overdue"].pk]
    assert "Overdue by 41 days" in response.content.decode()
    assert "Grant an extension" in response.content.decode()


def test_reply_rates_by_company_mandate_and_year(staff_client, history):
    rates = staff_client.get(reverse("board")).context["rates"]
    by_company = {row.label: (row.letters, row.reply_rate, row.on_time_rate)
                  for row in rates["company"]}
    # B's open letter is still inside its 60 days: not judged yet.
    assert by_company == {"Meta": (3, 67, 33), "Google": (1, 100, 100)}
    by_mandate = {row.label: (row.letters, row.replied, row.on_time) for row in rates["mandate"]}
    assert by_mandate == {"SR privacy": (3, 3, 2), "SR expression": (2, 1, 0)}
    by_year = {row.label: (row.letters, row.replied, row.on_time) for row in rates["year"]}
    assert by_year == {"2023": (2, 2, 1), "2024": (2, 1, 1)}


def test_rates_are_not_multiplied_by_a_mandate_filter(staff_client, history,
                                                      privacy_mandate):
    rates = staff_client.get(reverse("board") + f"?mandate={privacy_mandate.pk}"
                             ).context["rates"]
    by_company = {row.label: row.letters for row in rates["company"]}
    assert by_company == {"Meta": 2, "Google": 1}


def test_the_charts_are_drawn_as_accessible_bars(staff_client, history):
    content = staff_client.get(reverse("board")).content.decode()
    assert '<rect class="bar__fill--reply" width="67%"' in content
    assert "67%" in content


def test_a_bad_filter_value_does_not_break_the_board(staff_client, history):
    response = staff_client.get(reverse("board") + "?company=999999&year=x&due_after=nope")
    assert response.status_code == 200
    assert response.context["filterset"].errors


def test_staff_grant_an_extension_from_the_board_and_return_to_it(staff_client, history):
    overdue = history["a_overdue"]
    board_url = reverse("board") + "?deadline_status=overdue"
    page = staff_client.get(board_url).content.decode()
    assert reverse("deadline-extend", args=[overdue.pk]) in page
    response = staff_client.post(reverse("deadline-extend", args=[overdue.pk]), {
        "extended_to": "2024-06-30", "reason": "New team in place.", "next": board_url})
    assert response.status_code == 302 and response["Location"] == board_url
    overdue.refresh_from_db()
    assert overdue.due_on == dt.date(2024, 6, 30)
    assert overdue.deadline_status().value == "open"


def test_an_extension_never_redirects_off_the_site(staff_client, history):
    overdue = history["a_overdue"]
    response = staff_client.post(reverse("deadline-extend", args=[overdue.pk]), {
        "extended_to": "2024-06-30", "reason": "x", "next": "https://evil.example/"})
    assert response["Location"] == reverse("letter-detail", args=[overdue.pk])
