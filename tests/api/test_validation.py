"""No input produces a 500: odd dates, unknown ids, bad pages and orderings, huge sizes.

A 400 names the field at fault; an unknown object or page is a 404.
"""

from __future__ import annotations

import pytest

from engagements.models import Communication

pytestmark = pytest.mark.django_db

BIG = "9" * 30
INTERNAL_FILTERS = {"sent_after", "sent_before", "due_after", "due_before",
                    "deadline_status", "ordering"}


BAD_FILTERS = [
    ("sent_after=2024-02-30", "sent_after"),
    ("sent_before=yesterday", "sent_before"),
    ("due_after=99999-01-01", "due_after"),
    ("due_before=0000-00-00", "due_before"),
    ("deadline_status=late", "deadline_status"),
    ("deadline_status=open,,nonsense", "deadline_status"),
    ("letter_type=XX", "letter_type"),
    ("ordering=subject", "ordering"),
    ("ordering=due_on;DROP TABLE", "ordering"),
    (f"company={BIG}", "company"),
    ("company=abc", "company"),
    (f"mandate={BIG}", "mandate"),
    ("q=%00", "q"),
]
# The public register has only the public filters (see test_public_filters.py).
CASES = [(path, query, field)
         for path in ("/api/v1/communications/", "/api/v1/deadlines/",
                      "/api/v1/public/communications/")
         for query, field in BAD_FILTERS
         if not (path.startswith("/api/v1/public/") and field in INTERNAL_FILTERS)]


@pytest.mark.parametrize(("path", "query", "field"), CASES)
def test_a_bad_filter_is_a_400_naming_it(path, query, field, staff_api):
    answer = staff_api.get(f"{path}?{query}")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()


@pytest.mark.parametrize("query", ["year=0", f"year={BIG}", "year=2024.5", "year=-1",
                                   "year=10000"])
def test_an_impossible_year_is_a_400(query, staff_api, letter_a):
    answer = staff_api.get(f"/api/v1/communications/?{query}")
    assert answer.status_code == 400
    assert "year" in answer.json()


def test_a_year_finds_the_letters_sent_that_year(staff_api, letter_a):
    assert staff_api.get("/api/v1/communications/?year=2024").json()["count"] == 1
    assert staff_api.get("/api/v1/communications/?year=2023").json()["count"] == 0


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", f"page={BIG}", "page=2"])
def test_a_page_that_does_not_exist_is_a_404(query, staff_api, letter_a):
    assert staff_api.get(f"/api/v1/communications/?{query}").status_code == 404


@pytest.mark.parametrize("size", ["0", "-5", "abc", BIG, "1e3", "%00"])
def test_an_odd_page_size_falls_back_to_a_sane_one(size, staff_api, letter_a):
    answer = staff_api.get(f"/api/v1/communications/?page_size={size}")
    assert answer.status_code == 200
    assert answer.json()["count"] == 1


@pytest.mark.parametrize("path", [
    f"/api/v1/communications/{BIG}/", "/api/v1/communications/abc/",
    f"/api/v1/communications/{BIG}/responses/", f"/api/v1/mandates/{BIG}/",
    f"/api/v1/companies/{BIG}/", f"/api/v1/contacts/{BIG}/", f"/api/v1/mandate-holders/{BIG}/",
    f"/api/v1/public/communications/{BIG}/",
])
def test_an_unknown_id_is_a_404(path, staff_api):
    assert staff_api.get(path).status_code == 404


@pytest.mark.parametrize("change, field", [
    ({"sent_on": "2024-13-01"}, "sent_on"),
    ({"sent_on": "2099-01-01"}, "sent_on"),  # in the future
    ({"sent_on": "0001-01-01"}, "reference"),  # the reference says 2024
    ({"sent_on": "9999-12-31"}, "sent_on"),
    ({"press_release_on": "2024-02-01"}, "press_release_on"),  # before the letter
    ({"reference": "AL USA 12/2024"}, "reference"),  # a State's code, not OTH
    ({"reference": "x" * 500}, "reference"),
    ({"letter_type": "UA"}, "letter_type"),  # the reference says AL
    ({"company": int(BIG)}, "company"),
    ({"company": "Meta"}, "company"),
    ({"mandates": [int(BIG)]}, "mandates"),
    ({"mandates": []}, "mandates"),
    ({"mandates": "1"}, "mandates"),
    ({"assignee": 10**12}, "assignee"),
    ({"subject": ""}, "subject"),
    ({"subject": "a\x00b"}, "subject"),
    ({"language": "de"}, "language"),
])
def test_an_invalid_change_is_a_400_naming_the_field(change, field, staff_api, letter_a):
    answer = staff_api.patch(f"/api/v1/communications/{letter_a.pk}/", change, format="json")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()


def test_a_duplicate_reference_is_a_400(staff_api, letter_a, privacy):
    answer = staff_api.post("/api/v1/communications/", {
        "reference": "al oth 12/2024", "letter_type": "AL", "company": letter_a.company_id,
        "mandates": [privacy.pk], "sent_on": "2024-02-20", "subject": "Again",
    }, format="json")
    assert answer.status_code == 400
    assert answer.json() == {"reference": ["A letter with this reference already exists."]}


def test_a_body_that_is_not_json_is_a_400(staff_api, letter_a):
    answer = staff_api.generic("PATCH", f"/api/v1/communications/{letter_a.pk}/", "{nope",
                               content_type="application/json")
    assert answer.status_code == 400


def test_a_body_that_is_a_list_is_a_400(staff_api, letter_a):
    answer = staff_api.patch(f"/api/v1/communications/{letter_a.pk}/", [1, 2], format="json")
    assert answer.status_code == 400


def test_a_letter_sent_in_year_one_is_a_400_naming_sent_on(staff_api, company_a, privacy):
    answer = staff_api.post("/api/v1/communications/", {
        "reference": "AL OTH 1/0001", "letter_type": "AL", "company": company_a.pk,
        "mandates": [privacy.pk], "sent_on": "0001-01-01", "subject": "A very old letter"},
        format="json")
    assert answer.status_code == 400
    assert answer.json() == {"sent_on": ["A letter is sent in or after 1990."]}


def test_an_extension_to_the_end_of_the_calendar_is_a_400_naming_due_on(staff_api, letter_a):
    answer = staff_api.post(f"/api/v1/communications/{letter_a.pk}/extension/",
                            {"due_on": "9999-12-31", "reason": "Forever"}, format="json")
    assert answer.status_code == 400
    assert list(answer.json()) == ["due_on"]
    assert staff_api.get(f"/api/v1/communications/{letter_a.pk}/").json()["due_on"] \
        == "2024-04-20"


def test_routing_a_letter_with_an_impossible_date_is_a_400_not_a_500(
    lead_a_api, letter_a, issue_owner_a, legacy_letters
):
    from engagements.models import Communication

    # A letter "sent in year 1", written before dates were bounded.
    Communication.objects.filter(pk=letter_a.pk).update(
        sent_on="0001-01-01", due_on="0001-03-02", public_on="0001-03-02")
    answer = lead_a_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                              {"assignee": issue_owner_a.pk}, format="json")
    assert answer.status_code == 400
    assert "sent_on" in answer.json()


# Values JSON can spell that Python cannot use as they are: a lone surrogate is not
# text (it cannot be encoded, to answer or to store), 1e400 is float("inf").
ODD_JSON_VALUES = [('"\\ud800"', "lone surrogate"), ("1e400", "too large")]
ODD_VALUE_ROUTES = [
    ("lead_a", "POST", "responses/", "kind"), ("lead_a", "POST", "notes/", "kind"),
    ("lead_a", "POST", "notes/", "body"), ("lead_a", "PATCH", "", "assignee"),
    ("staff", "PATCH", "", "letter_type"), ("staff", "PATCH", "", "language"),
    ("staff", "PATCH", "", "mandates"), ("staff", "PATCH", "", "company"),
    ("staff", "PATCH", "", "subject"), ("staff", "POST", "extension/", "due_on"),
]


@pytest.mark.parametrize(("value", "words"), ODD_JSON_VALUES)
@pytest.mark.parametrize(("persona", "method", "route", "field"), ODD_VALUE_ROUTES)
def test_a_value_json_spells_but_python_cannot_use_is_a_400_naming_the_field(
    personas, letter_a, persona, method, route, field, value, words
):
    before = Communication.objects.values().get(pk=letter_a.pk)
    answer = personas[persona].generic(
        method, f"/api/v1/communications/{letter_a.pk}/{route}", f'{{"{field}": {value}}}',
        content_type="application/json")
    assert answer.status_code == 400, answer.content
    assert list(answer.json()) == [field]
    assert words in answer.json()[field][0]
    assert Communication.objects.values().get(pk=letter_a.pk) == before
    assert not letter_a.notes.exists() and not letter_a.responses.exists()


def test_a_lone_surrogate_in_a_key_is_a_400(lead_a_api, letter_a):
    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/notes/",
                             '{"\\ud800": 1}', content_type="application/json")
    assert answer.status_code == 400
