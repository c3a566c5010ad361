"""The letter page: facts, mandates and holders, timeline, PDF, reply, assignment,
extension and history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagements import services
from engagements.models import ResponseKind
from tests import factories
from tests.factories import PDF_BYTES
from tests.web.conftest import pdf_file

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_letter_its_mandates_and_their_current_holders(
        lead_a_client, letter_a, lead_a):
    services.note_add(communication=letter_a, kind="preview", noted_on=dt.date(2024, 4, 10),
                      body="Heads-up call with the lead.", author=None)
    content = lead_a_client.get(reverse("letter-detail", args=[letter_a.pk])).content.decode()
    assert "AL OTH 11/2024" in content and "JAL" in content
    assert "Special Rapporteur on the right to privacy" in content
    assert "Ana Brian Nougrères" in content  # holds it on 10 June 2024
    assert "Joseph Cannataci" not in content  # held it until 2018
    assert "The right to privacy, including online" in content
    assert "16 June 2024" in content  # due and public
    assert "Due in 6 days" in content
    assert "Due soon" not in content
    assert "Heads-up call with the lead." in content
    assert reverse("letter-pdf", args=[letter_a.pk]) in content
    assert 'id="reply"' in content


def test_a_mandate_whose_holders_term_ended_shows_that_holder_and_the_end(
        lead_a_client, letter_a, frozen_today):
    frozen_today(dt.date(2024, 8, 5))
    content = lead_a_client.get(reverse("letter-detail", args=[letter_a.pk])).content.decode()
    assert ("<strong>Ana Brian Nougrères</strong>: term ended on 31 July 2024; successor "
            "not yet recorded.") in content
    assert "Held now by <strong>Irene Khan</strong> (term until 31 July 2026)" in content
    assert "nobody" not in content


def test_the_pdf_is_streamed_to_who_may_see_the_letter(lead_a_client, letter_a):
    response = lead_a_client.get(reverse("letter-pdf", args=[letter_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "no-store" in response["Cache-Control"]


def test_stored_documents_are_downloads_in_a_sandbox(lead_a_client, letter_a):
    reply = factories.ResponseFactory(communication=letter_a, attachment=pdf_file("reply.pdf"))
    for url in (reverse("letter-pdf", args=[letter_a.pk]),
                reverse("reply-pdf", args=[letter_a.pk, reply.pk])):
        response = lead_a_client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_lead_logs_a_final_reply_and_the_letter_is_replied_on_time(lead_a_client,
                                                                     letter_a):
    url = reverse("reply-log", args=[letter_a.pk])
    response = lead_a_client.post(url, {
        "kind": "final", "received_on": "2024-06-09", "body": "Our answer.",
        "attachment": SimpleUploadedFile("answer.pdf", PDF_BYTES, "application/pdf"),
    }, follow=True)
    assert response.status_code == 200
    letter_a.refresh_from_db()
    assert letter_a.final_reply_on == dt.date(2024, 6, 9)
    content = response.content.decode()
    assert "Replied on time" in content
    assert "Final reply received (on time)" in content
    reply = letter_a.responses.get()
    assert reply.attachment and reply.logged_by.username == "lead-a"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"kind": "final", "received_on": "2024-06-20", "body": "x"}, "received_on",
     "cannot be received in the future"),
    ({"kind": "final", "received_on": "2024-01-01", "body": "x"}, "received_on",
     "cannot predate the letter"),
    ({"kind": "interim", "received_on": "2024-06-01", "body": ""}, "body",
     "Give the reply"),
    ({"kind": "", "received_on": "", "body": "x"}, "kind", "required"),
])
def test_a_bad_reply_is_shown_as_a_form_error(lead_a_client, letter_a, data, field, message):
    response = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), data)
    assert response.status_code == 400
    form = response.context["reply_form"]
    assert message in " ".join(form.errors[field])
    assert message in response.content.decode()
    assert not letter_a.responses.exists()


def test_a_second_final_reply_is_refused_with_a_clear_message(lead_a_client, letter_a):
    factories.ResponseFactory(communication=letter_a, received_on=dt.date(2024, 6, 1))
    response = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "kind": "final", "received_on": "2024-06-02", "body": "Again."})
    assert response.status_code == 400
    assert "already has a final reply" in response.content.decode()


def test_an_attachment_that_is_not_a_pdf_is_refused(lead_a_client, letter_a):
    response = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "kind": "interim", "received_on": "2024-06-01",
        "attachment": SimpleUploadedFile("answer.pdf", b"MZ not a pdf", "application/pdf"),
    })
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()


def test_a_lead_assigns_the_letter_to_an_issue_owner_of_their_company(
        lead_a_client, letter_a, company_a, company_b):
    owner = factories.ContactFactory(company=company_a, name="Priya Owner")
    outsider = factories.ContactFactory(company=company_b, name="Someone Else")
    page = lead_a_client.get(reverse("letter-detail", args=[letter_a.pk])).content.decode()
    assert "Priya Owner" in page and "Someone Else" not in page

    url = reverse("letter-assign", args=[letter_a.pk])
    response = lead_a_client.post(url, {"assignee": outsider.pk})
    assert response.status_code == 400  # not a choice: another company's contact
    letter_a.refresh_from_db()
    assert letter_a.assignee is None

    response = lead_a_client.post(url, {"assignee": owner.pk}, follow=True)
    assert "Assigned to Priya Owner." in response.content.decode()
    letter_a.refresh_from_db()
    assert letter_a.assignee == owner


def test_staff_grant_an_extension_and_it_shows_in_the_timeline(staff_client, letter_a):
    url = reverse("deadline-extend", args=[letter_a.pk])
    response = staff_client.post(url, {"extended_to": "2024-07-16",
                                       "reason": "The company asked for a month."},
                                 follow=True)
    content = response.content.decode()
    letter_a.refresh_from_db()
    assert letter_a.due_on == dt.date(2024, 7, 16)
    assert letter_a.public_on == dt.date(2024, 6, 16)
    assert "Extension granted to 16 July 2024" in content
    assert "The company asked for a month." in content


def test_an_extension_before_the_original_due_date_is_a_form_error(staff_client, letter_a):
    response = staff_client.post(reverse("deadline-extend", args=[letter_a.pk]),
                                 {"extended_to": "2024-06-01", "reason": "Oops"})
    assert response.status_code == 400
    assert "moves the due date past" in " ".join(
        response.context["extension_form"].errors["extended_to"])


@pytest.mark.parametrize(("client_name", "extension"), [("lead_a_client", False),
                                                         ("staff_client", True)])
def test_the_page_offers_the_forms_the_policy_allows(request, client_name, extension,
                                                     letter_a):
    client = request.getfixturevalue(client_name)
    page = client.get(reverse("letter-detail", args=[letter_a.pk])).content.decode()
    for form in ("Log the reply", "Assign", "Add the note"):
        assert form in page
    assert ("Grant the extension" in page) is extension


def test_company_users_cannot_grant_extensions(lead_a_client, letter_a):
    page = lead_a_client.get(reverse("letter-detail", args=[letter_a.pk])).content.decode()
    assert "Grant the extension" not in page
    response = lead_a_client.post(reverse("deadline-extend", args=[letter_a.pk]),
                                  {"extended_to": "2024-07-16", "reason": "Please"})
    assert response.status_code == 403
    letter_a.refresh_from_db()
    assert letter_a.extended_to is None


def test_the_history_lists_changes_with_who_made_them(lead_a_client, letter_a, company_a):
    owner = factories.ContactFactory(company=company_a, name="Priya Owner")
    lead_a_client.post(reverse("letter-assign", args=[letter_a.pk]), {"assignee": owner.pk})
    lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "kind": "interim", "received_on": "2024-06-01", "body": "Working on it."})
    history = lead_a_client.get(reverse("letter-detail", args=[letter_a.pk])).context["history"]
    descriptions = [(item.what, item.fields, item.by) for item in history]
    assert ("Letter changed", ["issue owner"], "lead-a") in descriptions
    assert ("Reply added", [], "lead-a") in descriptions
    assert any(what == "Letter added" for what, _, _ in descriptions)
    assert ResponseKind.INTERIM == letter_a.responses.get().kind


def test_an_informal_note_is_added_to_the_timeline(staff_client, letter_a):
    response = staff_client.post(reverse("note-add", args=[letter_a.pk]), {
        "kind": "follow_up", "noted_on": "2024-06-05", "body": "Called the lead."},
        follow=True)
    content = response.content.decode()
    assert "Informal note: Follow-up" in content and "Called the lead." in content
    assert letter_a.notes.get().author.username == "ohchr-staff"


def test_a_note_dated_in_the_future_is_a_form_error(lead_a_client, letter_a):
    response = lead_a_client.post(reverse("note-add", args=[letter_a.pk]), {
        "kind": "follow_up", "noted_on": "2024-07-01", "body": "Later."})
    assert response.status_code == 400
    assert "cannot be dated in the future" in response.content.decode()
    assert not letter_a.notes.exists()
