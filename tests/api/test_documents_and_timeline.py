"""A letter's PDFs, notes and timeline through the API, with the letter page's
permissions: staff see every company's, a lead their own company's, another company's
lead a 404 (never a 403), an anonymous caller a 401."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagements import services
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

EXPECTED = {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}


@pytest.fixture
def documented(letter_a, lead_a, staff):
    letter = services.communication_update(
        communication=letter_a, letter=ContentFile(PDF_BYTES, name="scan.pdf"))
    reply = services.response_log(communication=letter, kind="interim",
                                  received_on=dt.date(2024, 2, 25), logged_by=lead_a,
                                  attachment=ContentFile(PDF_BYTES, name="reply.pdf"))
    services.note_add(communication=letter, kind="follow_up", noted_on=dt.date(2024, 2, 26),
                      body="Called the lead.", author=staff)
    return letter, reply


@pytest.mark.parametrize("persona", EXPECTED)
def test_who_may_read_a_letters_documents_notes_and_timeline(persona, personas, documented):
    letter, reply = documented
    client = personas[persona]
    base = f"/api/v1/communications/{letter.pk}"
    for url in (f"{base}/letter/", f"{base}/responses/{reply.pk}/attachment/",
                f"{base}/notes/", f"{base}/timeline/"):
        answer = client.get(url)
        assert answer.status_code == EXPECTED[persona], url
        if answer.status_code == 404:
            assert "AL OTH" not in answer.content.decode()  # nothing of the letter said


def test_a_pdf_is_a_download_with_a_safe_type(lead_a_api, documented):
    letter, reply = documented
    answer = lead_a_api.get(f"/api/v1/communications/{letter.pk}/letter/")
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == 'attachment; filename="AL OTH 12-2024.pdf"'
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert b"".join(answer.streaming_content) == PDF_BYTES
    answer = lead_a_api.get(
        f"/api/v1/communications/{letter.pk}/responses/{reply.pk}/attachment/")
    assert answer["Content-Disposition"] == (
        'attachment; filename="AL OTH 12-2024-interim-reply.pdf"')


def test_a_letter_or_reply_without_a_pdf_is_a_404(staff_api, letter_a, letter_b, documented):
    assert staff_api.get(f"/api/v1/communications/{letter_b.pk}/letter/").status_code == 404
    _letter, reply = documented
    # A reply of another letter is not found under this one.
    url = f"/api/v1/communications/{letter_b.pk}/responses/{reply.pk}/attachment/"
    assert staff_api.get(url).status_code == 404


def test_staff_upload_and_remove_the_letters_pdf_and_a_lead_may_not(staff_api, lead_a_api,
                                                                    lead_b_api, letter_a):
    url = f"/api/v1/communications/{letter_a.pk}/letter/"

    def upload(client, content=PDF_BYTES):
        return client.put(url, {"letter": SimpleUploadedFile("l.pdf", content,
                                                             "application/pdf")},
                          format="multipart")

    assert upload(lead_b_api).status_code == 404
    assert upload(lead_a_api).status_code == 403
    refused = upload(staff_api, b"<html><script>alert(1)</script></html>")
    assert refused.status_code == 400 and refused.json() == {"letter": ["The file is not a PDF."]}
    assert upload(staff_api).status_code == 200
    letter_a.refresh_from_db()
    assert letter_a.letter
    assert lead_a_api.delete(url).status_code == 403
    assert staff_api.delete(url).status_code == 204
    letter_a.refresh_from_db()
    assert not letter_a.letter


def test_the_timeline_tells_the_letters_story_in_order(lead_a_api, lead_a, issue_owner_a,
                                                       documented):
    letter, _reply = documented
    answer = lead_a_api.patch(f"/api/v1/communications/{letter.pk}/",
                              {"assignee": issue_owner_a.pk, "handover_note": "Yours now."},
                              format="json")
    assert answer.status_code == 200, answer.json()
    assert lead_a_api.post(f"/api/v1/communications/{letter.pk}/acknowledge/").status_code == 200
    entries = lead_a_api.get(f"/api/v1/communications/{letter.pk}/timeline/").json()
    kinds = [entry["kind"] for entry in entries]
    assert kinds[0] == "sent" and {"note", "reply", "handover", "acknowledged", "due",
                                   "public"} <= set(kinds)
    handover = next(entry for entry in entries if entry["kind"] == "handover")
    assert handover["detail"] == "Yours now." and "Issue owner A" in handover["title"]
    assert [entry["day"] for entry in entries] == sorted(entry["day"] for entry in entries)
    french = lead_a_api.get(f"/api/v1/communications/{letter.pk}/timeline/",
                            HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french[0]["title"] != entries[0]["title"]


def test_the_timeline_costs_the_same_queries_for_one_note_and_for_many(staff_api, staff,
                                                                       documented):
    letter, _reply = documented
    url = f"/api/v1/communications/{letter.pk}/timeline/"
    with CaptureQueriesContext(connection) as few:
        staff_api.get(url)
    for day in range(5):
        services.note_add(communication=letter, kind="follow_up",
                          noted_on=dt.date(2024, 2, 21 + day), body="More.", author=staff)
    with CaptureQueriesContext(connection) as many:
        assert len(staff_api.get(url).json()) > 5
    assert len(many) == len(few)
