"""Letters through the API: what a client reads, and how staff and leads change them."""

from __future__ import annotations

import datetime as dt

import pytest

from engagements.models import Communication
from tests.factories import CommunicationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_a_letter_reads_with_ids_names_and_its_clock(lead_a_api, letter_a):
    ResponseFactory(communication=letter_a, kind="interim", received_on=dt.date(2024, 2, 25))

    row = lead_a_api.get(f"/api/v1/communications/{letter_a.pk}/").json()

    assert row["reference"] == "AL OTH 12/2024"
    assert row["is_joint"] is True
    assert sorted(row["mandate_names"]) == ["SR freedom of expression", "SR privacy"]
    assert sorted(row["mandates"]) == sorted(m.pk for m in letter_a.mandates.all())
    assert (row["company"], row["company_name"]) == (letter_a.company_id, "Meta")
    assert (row["sent_on"], row["due_on"], row["public_on"]) == (
        "2024-02-20", "2024-04-20", "2024-04-20")
    assert row["is_public"] is False
    assert row["days_remaining"] == 50
    assert row["deadline_status"] == "open"
    assert row["responses"] == [{"id": letter_a.responses.get().pk, "kind": "interim",
                                 "kind_label": "Interim", "received_on": "2024-02-25",
                                 "on_time": True}]


def test_the_list_is_paginated_and_page_size_is_capped_at_200(staff_api, company_a):
    CommunicationFactory.create_batch(3, company=company_a)

    page = staff_api.get("/api/v1/communications/?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2
    assert page["next"].endswith("page=2&page_size=2") and page["previous"] is None

    huge = staff_api.get("/api/v1/communications/?page_size=100000")
    assert huge.status_code == 200 and len(huge.json()["results"]) == 3


def test_filters_combine_and_status_takes_several_values(staff_api, letter_a, letter_b):
    overdue = CommunicationFactory(company=letter_a.company, sent_on=dt.date(2023, 12, 1))

    def references(query: str) -> list[str]:
        return [r["reference"] for r in
                staff_api.get(f"/api/v1/communications/?{query}").json()["results"]]

    assert references("deadline_status=overdue,due_soon") == [overdue.reference,
                                                              letter_b.reference]
    assert references(f"company={letter_a.company_id}&letter_type=AL&ordering=-sent_on") == [
        letter_a.reference, overdue.reference]
    assert references("sent_after=2024-01-01&sent_before=2024-01-31") == [letter_b.reference]
    assert references("due_after=2024-04-01&due_before=2024-04-30") == [letter_a.reference]
    assert references("q=location") == [letter_b.reference]
    assert references("ordering=reference") == sorted(
        [letter_a.reference, letter_b.reference, overdue.reference])


def test_staff_log_a_letter_and_the_clock_starts(staff_api, company_a, privacy, expression):
    answer = staff_api.post("/api/v1/communications/", {
        "reference": "ol oth 7/2024", "letter_type": "OL", "company": company_a.pk,
        "mandates": [privacy.pk, expression.pk], "sent_on": "2024-02-29",
        "subject": "Draft online safety law",
    }, format="json")

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["reference"] == "OL OTH 7/2024"  # normalised by the model
    assert body["due_on"] == "2024-04-29" and body["is_joint"] is True
    assert body["addressed_to"] == "Meta"


def test_staff_change_a_letter_and_its_mandates(staff_api, letter_a, privacy):
    answer = staff_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                             {"subject": "Revised", "mandates": [privacy.pk]}, format="json")

    assert answer.status_code == 200, answer.json()
    assert answer.json()["mandate_names"] == ["SR privacy"]
    assert answer.json()["is_joint"] is False
    letter_a.refresh_from_db()
    assert letter_a.subject == "Revised"


def test_the_lead_routes_their_letter_to_an_issue_owner(lead_a_api, letter_a, issue_owner_a):
    answer = lead_a_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                              {"assignee": issue_owner_a.pk}, format="json")

    assert answer.status_code == 200
    assert answer.json()["assignee_name"] == "Issue owner A"
    letter_a.refresh_from_db()
    assert letter_a.assignee == issue_owner_a


def test_the_lead_cannot_route_a_letter_to_another_companys_contact(
    lead_a_api, letter_a, issue_owner_b
):
    answer = lead_a_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                              {"assignee": issue_owner_b.pk}, format="json")

    assert answer.status_code == 400
    assert "assignee" in answer.json()
    letter_a.refresh_from_db()
    assert letter_a.assignee is None


def test_staff_cannot_route_a_letter_to_a_contact_of_another_company(
    staff_api, letter_a, issue_owner_b
):
    answer = staff_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                             {"assignee": issue_owner_b.pk}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"assignee": ["The issue owner must work for the company the "
                                          "letter is to."]}


@pytest.mark.parametrize("field, value", [
    ("company", "{company_b}"), ("reference", "AL OTH 99/2024"), ("sent_on", "2024-01-01"),
    ("due_on", "2024-12-31"), ("mandates", []), ("subject", "Nothing to see"),
    ("press_release_on", "2024-02-21"),
])
def test_a_lead_cannot_change_what_is_not_theirs(
    field, value, lead_a_api, letter_a, company_b
):
    value = company_b.pk if value == "{company_b}" else value
    before = Communication.objects.values().get(pk=letter_a.pk)

    answer = lead_a_api.patch(f"/api/v1/communications/{letter_a.pk}/", {field: value},
                              format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == [field]
    after = Communication.objects.values().get(pk=letter_a.pk)
    assert after == before


def test_staff_are_told_to_use_the_extension_to_move_the_due_date(staff_api, letter_a):
    answer = staff_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                             {"due_on": "2024-06-01"}, format="json")

    assert answer.status_code == 400
    assert "extension" in answer.json()["due_on"][0]


def test_staff_delete_a_letter(staff_api, letter_a):
    assert staff_api.delete(f"/api/v1/communications/{letter_a.pk}/").status_code == 204
    assert not Communication.objects.filter(pk=letter_a.pk).exists()


def test_a_patch_answers_with_every_field_even_without_an_assignee(staff_api, letter_a):
    answer = staff_api.patch(f"/api/v1/communications/{letter_a.pk}/", {"subject": "New"},
                             format="json")
    assert answer.json()["assignee_name"] is None


def test_the_fast_list_rows_match_the_serializer(staff_api, letter_a, letter_b,
                                                 issue_owner_a, expression, legacy_letters):
    from btech.office_time import office_today
    from engagements.api.serializers import CommunicationSerializer

    letter_a.assignee = issue_owner_a
    letter_a.extended_to, letter_a.extension_reason = dt.date(2024, 5, 1), "More time."
    letter_a.press_release_on = dt.date(2024, 2, 25)
    letter_a.refresh_derived_fields()
    letter_a.save()
    ResponseFactory(communication=letter_a, kind="interim", received_on=dt.date(2024, 2, 21))
    ResponseFactory(communication=letter_b, kind="final", received_on=dt.date(2024, 2, 29))
    ancient = CommunicationFactory(sent_on=dt.date(999, 1, 5), reference="OL OTH 1/0999",
                                   letter_type="OL", mandates=[expression])

    rows = staff_api.get("/api/v1/communications/").json()["results"]

    letters = Communication.objects.filter(pk__in=[letter_a.pk, letter_b.pk, ancient.pk])
    expected = CommunicationSerializer(letters, many=True,
                                       context={"today": office_today()}).data
    assert rows == [dict(row) for row in expected]
    assert rows[0]["sent_on"] == "0999-01-05"
