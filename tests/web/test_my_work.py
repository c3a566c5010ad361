"""My work, a company lead's home page: counts of what needs doing, each a link to the
letters concerned, and those letters with their one next action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.web.html import elements

pytestmark = pytest.mark.django_db

URL = reverse("my-work")


@pytest.fixture
def work(frozen_today, company_a, company_b, lead_a, lead_b, privacy_mandate):
    """Meta's letters on Monday 10 June 2024, each built to need something else."""
    priya = factories.ContactFactory(company=company_a, name="Priya Owner")

    def letter(key: str, sent_on: dt.date, *, acknowledged: bool = False, owner=None,
               company=company_a):
        created = factories.CommunicationFactory.create(
            reference=f"AL OTH {len(letters) + 1}/2024", company=company, sent_on=sent_on,
            subject=f"Letter {key}", mandates=[privacy_mandate], assignee=owner)
        if acknowledged:
            created.acknowledged_at = timezone.now()
            created.save(update_fields=["acknowledged_at"])
        letters[key] = created
        return created

    letters: dict[str, object] = {}
    # Logged on 2 April, the day after it was sent: news then, overdue now, never
    # acknowledged.
    frozen_today(dt.date(2024, 4, 2))
    letter("overdue_announced", dt.date(2024, 4, 1), owner=priya)
    frozen_today(dt.date(2024, 6, 10))
    letter("new", dt.date(2024, 6, 3))
    letter("unowned", dt.date(2024, 5, 20), acknowledged=True)
    letter("mine_in_4_days", dt.date(2024, 4, 15), acknowledged=True, owner=lead_a.contact)
    letter("due_in_7_days", dt.date(2024, 4, 18), acknowledged=True, owner=priya)
    letter("due_in_8_days", dt.date(2024, 4, 19), acknowledged=True, owner=priya)
    # Logged today, after its 60 days: a record, never announced, so never chased.
    letter("historical_overdue", dt.date(2024, 4, 1))
    replied = letter("replied_1_june", dt.date(2024, 4, 10), owner=priya)
    factories.ResponseFactory(communication=replied, received_on=dt.date(2024, 6, 1))
    earlier = letter("replied_31_may", dt.date(2024, 4, 9), owner=priya)
    factories.ResponseFactory(communication=earlier, received_on=dt.date(2024, 5, 31))
    # Google's new letter needs acknowledging and an owner: it must count for nobody
    # at Meta.
    letter("google", dt.date(2024, 6, 1), company=company_b)
    return letters


def _page(client, query: str = ""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response


def _subjects(response) -> list[str]:
    return [letter.subject.removeprefix("Letter ") for letter, _ in response.context["items"]]


def test_the_counts_match_a_hand_built_set_of_letters(lead_a_client, work):
    response = _page(lead_a_client)
    counts = {tile["need"].value: tile["count"] for tile in response.context["tiles"]}
    assert counts == {"acknowledge": 2, "assign": 3, "due_soon": 2, "overdue": 2,
                      "replied": 1}
    content = response.content.decode()
    for words in ("2</span> <span class=\"work-count__label\">awaiting acknowledgement",
                  "3</span> <span class=\"work-count__label\">unassigned",
                  "2</span> <span class=\"work-count__label\">due within 7 days",
                  "2</span> <span class=\"work-count__label\">overdue",
                  "1</span> <span class=\"work-count__label\">replied this month"):
        assert words in content


@pytest.mark.parametrize(("need", "expected"), [
    ("acknowledge", {"overdue_announced", "new"}),
    ("assign", {"new", "unowned", "historical_overdue"}),
    ("due_soon", {"mine_in_4_days", "due_in_7_days"}),
    ("overdue", {"overdue_announced", "historical_overdue"}),
    ("replied", {"replied_1_june"}),
])
def test_each_count_is_a_link_to_the_letters_it_counts(lead_a_client, work, need, expected):
    content = _page(lead_a_client).content.decode()
    assert elements(content, "a", href=f"{URL}?need={need}")
    response = _page(lead_a_client, f"?need={need}")
    assert set(_subjects(response)) == expected
    assert elements(response.content.decode(), "a", href=f"{URL}?need={need}",
                    aria_current="true")


def test_the_list_shows_the_letters_awaiting_a_reply_most_urgent_first(lead_a_client, work):
    # Both sent on 1 April: the same due date, then by reference.
    assert _subjects(_page(lead_a_client)) == [
        "overdue_announced", "historical_overdue", "mine_in_4_days", "due_in_7_days",
        "due_in_8_days", "unowned", "new"]


def test_assigned_to_me_and_unassigned(lead_a_client, work):
    assert _subjects(_page(lead_a_client, "?owner=me")) == ["mine_in_4_days"]
    assert set(_subjects(_page(lead_a_client, "?owner=none"))) == {
        "historical_overdue", "unowned", "new"}
    assert _subjects(_page(lead_a_client, "?owner=none&need=acknowledge")) == ["new"]


def test_each_letter_offers_its_one_next_action(lead_a_client, work):
    content = _page(lead_a_client).content.decode()
    forms = {form["action"] for form in elements(content, "form", data_work_action="")}

    def action(key: str, name: str) -> str:
        return reverse(name, args=[work[key].pk])

    assert forms == {
        action("overdue_announced", "letter-acknowledge"),
        action("new", "letter-acknowledge"),
        action("historical_overdue", "letter-assign"),  # never announced: no receipt
        action("unowned", "letter-assign"),
        action("mine_in_4_days", "reply-log"),
        action("due_in_7_days", "reply-log"),
        action("due_in_8_days", "reply-log"),
    }
    # Each form comes back here, and the reply form offers today's date.
    assert {field["value"] for field in elements(content, "input", name="next")} == {URL}
    assert {field["value"] for field in elements(content, "input", name="received_on")} == {
        "2024-06-10"}


def test_the_assign_form_offers_only_the_companys_contacts(lead_a_client, work, company_b):
    factories.ContactFactory(company=company_b, name="Someone At Google")
    content = _page(lead_a_client).content.decode()
    assert "Priya Owner" in content and "Lead A" in content
    assert "Someone At Google" not in content and "Lead B" not in content


def test_an_action_taken_here_comes_back_here_with_the_counts_changed(lead_a_client, work):
    before = _page(lead_a_client, "?need=acknowledge").context["tiles"][0]["count"]
    response = lead_a_client.post(reverse("letter-acknowledge", args=[work["new"].pk]),
                                  {"next": f"{URL}?need=acknowledge"}, follow=True)
    assert response.redirect_chain == [(f"{URL}?need=acknowledge", 302)]
    assert response.context["tiles"][0]["count"] == before - 1
    assert "Receipt of AL OTH 2/2024 is acknowledged." in response.content.decode()
    assert _subjects(response) == ["overdue_announced"]


@pytest.mark.parametrize(("name", "data", "field", "message"), [
    ("reply-log", {"kind": "final", "received_on": "2024-06-11", "body": "Ours."},
     "received_on", "cannot be received in the future"),
    ("reply-log", {"kind": "final", "received_on": "2024-06-10", "body": ""},
     "body", "Give the reply"),
    ("letter-assign", {"assignee": "999999", "note": "Over to you."},
     "assignee", "Select a valid choice"),
])
def test_bad_input_from_my_work_stays_on_the_letter_page_with_the_error(
        lead_a_client, work, name, data, field, message):
    letter = work["mine_in_4_days"]
    response = lead_a_client.post(reverse(name, args=[letter.pk]), {**data, "next": URL})
    assert response.status_code == 400  # not sent back to My work as if it had worked
    form = response.context["reply_form" if name == "reply-log" else "assign_form"]
    assert message in " ".join(form.errors[field])
    letter.refresh_from_db()
    assert not letter.responses.exists() and not letter.handovers.exists()
    assert letter.final_reply_on is None and letter.assignee.name == "Lead A"


def test_another_companys_lead_sees_only_their_own(lead_b_client, work):
    response = _page(lead_b_client)
    counts = {tile["need"].value: tile["count"] for tile in response.context["tiles"]}
    assert counts == {"acknowledge": 1, "assign": 1, "due_soon": 0, "overdue": 0,
                      "replied": 0}
    assert _subjects(response) == ["google"]
    content = response.content.decode()
    assert "Priya Owner" not in content and "Letter new" not in content


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous_client, work):
    response = anonymous_client.get(URL + "?need=acknowledge")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_company_users_land_on_my_work_and_staff_keep_the_board(lead_a_client, staff_client):
    assert lead_a_client.get(reverse("home"))["Location"] == URL
    assert staff_client.get(reverse("home"))["Location"] == reverse("board")
    assert staff_client.get(URL).status_code == 403
    nav = elements(lead_a_client.get(reverse("letter-list")).content.decode(), "a", href=URL)
    assert nav
    assert not elements(staff_client.get(reverse("board")).content.decode(), "a", href=URL)


@pytest.mark.parametrize("query", ["?need=bogus", "?owner=everyone", "?need=&owner=",
                                   "?page=abc", "?page=999", "?need=%00"])
def test_an_odd_address_never_fails_the_page(lead_a_client, work, query):
    response = _page(lead_a_client, query)
    assert response.context["page"].object_list is not None


def test_an_unknown_filter_is_named_in_an_error_summary_and_left_out(lead_a_client, work):
    response = _page(lead_a_client, "?need=bogus&owner=me")
    content = response.content.decode()
    summary = content[content.index("data-error-summary"):content.index("<h1>")]
    assert "There is a problem" in summary
    assert "Show: Select a valid choice. bogus is not one of the available choices." in summary
    assert _subjects(response) == ["mine_in_4_days"]  # the valid filter still applies


def test_the_page_says_its_calendar_is_genevas_once(lead_a_client, work):
    content = _page(lead_a_client).content.decode()
    assert content.count("office calendar in Geneva") == 1
    assert "today is Monday 10 June 2024, Geneva time" in content


def test_the_page_loads_its_script_from_a_file(lead_a_client, work):
    content = _page(lead_a_client).content.decode()
    scripts = elements(content, "script")
    assert "/static/js/my_work.js" in [script.get("src") for script in scripts]
    assert all(script.get("src") and "defer" in script for script in scripts)  # none inline
    assert " on" + "submit=" not in content and " onclick=" not in content


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client)
    return len(queries)


def test_the_page_issues_a_fixed_number_of_queries(today, lead_a_client, lead_a, company_a,
                                                   privacy_mandate):
    def letters(count: int) -> None:
        for index in range(count):
            owner = factories.ContactFactory(company=company_a) if index % 2 else None
            letter = factories.CommunicationFactory.create(company=company_a, assignee=owner,
                                                    mandates=[privacy_mandate])
            if index % 3 == 0:
                letter.acknowledged_at = timezone.now()
                letter.save(update_fields=["acknowledged_at"])

    letters(1)
    with_one = _queries(lead_a_client)
    letters(19)
    with_twenty = _queries(lead_a_client)
    assert with_twenty == with_one, (with_one, with_twenty)
    assert with_one <= 8
