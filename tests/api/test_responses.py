"""Logging replies through the API: the same rules as the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PDF_BYTES, ResponseFactory

pytestmark = pytest.mark.django_db



def test_the_lead_logs_a_final_reply_and_the_clock_stops(lead_a_api, lead_a, letter_a):
    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", {
        "kind": "final", "received_on": "2024-02-29", "body": "Our full reply.",
    }, format="json")

    assert answer.status_code == 201, answer.json()
    assert answer.json()["on_time"] is True
    letter = lead_a_api.get(f"/api/v1/communications/{letter_a.pk}/").json()
    assert letter["deadline_status"] == "replied_on_time"
    assert letter_a.responses.get().logged_by == lead_a


def test_staff_log_a_reply_for_any_company(staff_api, letter_b):
    answer = staff_api.post(f"/api/v1/communications/{letter_b.pk}/responses/", {
        "kind": "interim", "received_on": "2024-02-01", "body": "Acknowledged.",
    }, format="json")
    assert answer.status_code == 201


def test_a_reply_can_be_a_pdf_attachment(lead_a_api, letter_a):
    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", {
        "kind": "final", "received_on": "2024-02-29",
        "attachment": SimpleUploadedFile("reply.pdf", PDF_BYTES, "application/pdf"),
    }, format="multipart")

    assert answer.status_code == 201, answer.json()
    assert answer.json()["has_attachment"] is True


def test_an_attachment_that_is_not_a_pdf_is_refused(lead_a_api, letter_a):
    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", {
        "kind": "final", "received_on": "2024-02-29",
        "attachment": SimpleUploadedFile("reply.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
    }, format="multipart")

    assert answer.status_code == 400
    assert answer.json() == {"attachment": ["The file is not a PDF."]}
    assert not letter_a.responses.exists()


def test_a_pdf_that_runs_javascript_is_refused(lead_a_api, letter_a):
    from tests.engagements.test_pdf_check import JAVASCRIPT, open_action
    from tests.factories import pdf_bytes

    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", {
        "kind": "final", "received_on": "2024-02-29",
        "attachment": SimpleUploadedFile("reply.pdf", pdf_bytes(open_action(JAVASCRIPT)),
                                         "application/pdf"),
    }, format="multipart")

    assert answer.status_code == 400
    assert answer.json()["attachment"][0].startswith("The PDF contains JavaScript")
    assert not letter_a.responses.exists()


def test_a_second_final_reply_is_refused(lead_a_api, letter_a):
    ResponseFactory(communication=letter_a, received_on=dt.date(2024, 2, 25))

    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", {
        "kind": "final", "received_on": "2024-02-29", "body": "Again.",
    }, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"kind": ["This letter already has a final reply."]}


@pytest.mark.parametrize("body, field", [
    ({"kind": "final", "received_on": "2024-02-19", "body": "x"}, "received_on"),  # predates
    ({"kind": "final", "received_on": "2024-03-02", "body": "x"}, "received_on"),  # future
    ({"kind": "final", "received_on": "2024-02-29", "body": " "}, "body"),
    ({"kind": "verbal", "received_on": "2024-02-29", "body": "x"}, "kind"),
    ({"kind": "final", "received_on": "29/02/2024", "body": "x"}, "received_on"),
    ({"kind": "final", "body": "x"}, "received_on"),
])
def test_an_invalid_reply_is_a_400_naming_the_field(body, field, lead_a_api, letter_a):
    answer = lead_a_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", body,
                             format="json")

    assert answer.status_code == 400
    assert field in answer.json()
    assert not letter_a.responses.exists()


def test_the_replies_of_a_letter_are_listed(lead_a_api, letter_a):
    ResponseFactory(communication=letter_a, kind="interim", received_on=dt.date(2024, 2, 22))

    answer = lead_a_api.get(f"/api/v1/communications/{letter_a.pk}/responses/")

    assert [(r["kind"], r["on_time"]) for r in answer.json()] == [("interim", True)]
