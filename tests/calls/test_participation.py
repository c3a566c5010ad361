"""A company says it intends to submit, then records its submission: late is allowed
and marked; bad input is refused with the field named and nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from calls.models import CallForInput, CallParticipation
from tests.calls.conftest import TODAY
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_a_lead_marks_the_intent_then_records_the_submission(lead_a_api, open_call, company_a):
    url = f"/api/v1/calls/{open_call.pk}/participation/"
    intent = lead_a_api.put(url, {"intends_to_submit": True}, format="json")
    assert intent.status_code == 200
    assert intent.json()["intends_to_submit"] is True
    recorded = lead_a_api.patch(url, {
        "submitted_on": TODAY.isoformat(), "may_publish": "true",
        "submission": SimpleUploadedFile("input.pdf", PDF_BYTES, "application/pdf"),
    }, format="multipart")
    assert recorded.status_code == 200, recorded.json()
    body = recorded.json()
    assert body["has_submission"] and body["may_publish"] and body["is_late"] is False
    row = CallParticipation.objects.get(call=open_call, company=company_a)
    assert row.submitted_on == TODAY and row.intent_by is not None


def test_a_submission_after_the_call_closed_is_kept_and_marked_late(
        lead_a_api, lead_a_client, closed_call):
    url = f"/api/v1/calls/{closed_call.pk}/participation/"
    answer = lead_a_api.patch(url, {"submitted_on": TODAY.isoformat()}, format="json")
    assert answer.status_code == 200
    assert answer.json()["is_late"] is True
    assert answer.json()["intends_to_submit"] is True  # a submission implies the intent
    page = lead_a_client.get(f"/calls/{closed_call.pk}/").content.decode()
    assert "Late" in page and "recorded all the same" in page


def test_a_submission_that_is_not_a_pdf_is_refused_naming_the_field(
        lead_a_api, lead_a_client, open_call):
    url = f"/api/v1/calls/{open_call.pk}/participation/"
    answer = lead_a_api.patch(url, {
        "submitted_on": TODAY.isoformat(),
        "submission": SimpleUploadedFile("input.pdf", b"<html>not a pdf</html>", "text/html"),
    }, format="multipart")
    assert answer.status_code == 400
    assert list(answer.json()) == ["submission"]
    page = lead_a_client.post(f"/calls/{open_call.pk}/participation/", {
        "part": "submission", "submitted_on": TODAY.isoformat(),
        "submission": SimpleUploadedFile("input.pdf", b"GIF89a", "image/gif"),
    })
    assert page.status_code == 400
    assert 'class="error-summary"' in page.content.decode()
    assert 'href="#submission_submission"' in page.content.decode()
    assert not CallParticipation.objects.exists()


def test_another_company_s_participation_is_refused_naming_the_field(
        lead_a_api, open_call, company_b):
    answer = lead_a_api.put(f"/api/v1/calls/{open_call.pk}/participation/",
                            {"company": company_b.pk, "intends_to_submit": True},
                            format="json")
    assert answer.status_code == 400
    assert list(answer.json()) == ["company"]
    assert "Google" not in answer.content.decode()
    assert not CallParticipation.objects.exists()


def test_a_deadline_before_the_opening_is_refused_naming_the_field(
        staff_api, staff_client, expression, today):
    data = {"title": "Spyware and human rights defenders", "mandates": [expression.pk],
            "report_body": "hrc", "report_year": 2025, "opened_on": "2024-06-10",
            "deadline": "2024-06-01"}
    answer = staff_api.post("/api/v1/calls/", data, format="json")
    assert answer.status_code == 400
    assert list(answer.json()) == ["deadline"]
    page = staff_client.post("/calls/new/", {**data, "languages": ["en", "fr"]})
    assert page.status_code == 400
    content = page.content.decode()
    assert 'class="error-summary"' in content and 'href="#id_deadline"' in content
    assert not CallForInput.objects.exists()


def test_staff_publish_a_call_from_the_page_and_see_who_intends_to_submit(
        staff_client, lead_a_client, expression, today):
    created = staff_client.post("/calls/new/", {
        "title": "Content moderation and armed conflict", "mandates": [expression.pk],
        "report_body": "ga", "report_session": "80", "report_year": "2025",
        "opened_on": "2024-06-01", "deadline": "2024-07-15", "languages": ["en", "es"],
        "official_url": "https://www.ohchr.org/en/calls-for-input/2024/content-moderation",
    })
    assert created.status_code == 302
    call = CallForInput.objects.get()
    assert call.languages == ["en", "es"] and call.report_session == 80
    assert lead_a_client.post(f"/calls/{call.pk}/participation/",
                              {"part": "intent", "intends_to_submit": "yes"}).status_code == 302
    page = staff_client.get(f"/calls/{call.pk}/").content.decode()
    assert "Meta" in page and "Companies taking part" in page
    call.refresh_from_db()
    assert call.deadline == dt.date(2024, 7, 15)
