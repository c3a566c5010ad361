"""OHCHR staff log a letter from the web app: /letters/new/."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagements.models import Communication, InformalNote
from tests import factories
from tests.factories import PDF_BYTES
from tests.web.html import element, elements

pytestmark = pytest.mark.django_db

URL = reverse("letter-create")


@pytest.fixture
def meta(company_a):
    factories.FormerNameFactory(company=company_a, name="Facebook",
                                renamed_on=dt.date(2021, 10, 28))
    return company_a


@pytest.fixture
def form_data(today, meta, privacy_mandate, expression_mandate) -> dict[str, object]:
    return {
        "reference": "JAL OTH 74/2024", "company": "Facebook",
        "mandates": [privacy_mandate.pk, expression_mandate.pk], "sent_on": "2024-06-03",
        "language": "en", "subject": "Removal of protest videos",
        "summary": "Alleged removal of videos documenting protests.",
        "note_on": "2024-05-31", "note_body": "Call with the lead to preview the letter.",
    }


def pdf(name: str = "AL-74.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")


def stored_files(settings, folder: str) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / folder
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_the_form_comes_with_today_and_the_companies_current_and_former_names(
        staff_client, form_data):
    content = staff_client.get(URL).content.decode()
    assert element(content, "letter_sent_on")["value"] == "2024-06-10"
    names = {(option["value"], option.get("label", "")) for option in elements(content, "option")
             if option.get("value") in {"Meta", "Facebook"}}
    assert names == {("Meta", ""), ("Facebook", "Facebook, now Meta")}
    assert element(content, "letter_company")["list"] == "company-names"
    assert elements(content, "input", type="checkbox", name="mandates")


def test_staff_log_a_joint_letter_with_its_pdf_and_preview_note(
        staff_client, staff, form_data, meta, settings):
    response = staff_client.post(URL, {**form_data, "letter": pdf()}, follow=True)
    assert response.status_code == 200
    letter = Communication.objects.get()
    assert response.redirect_chain[-1][0] == reverse("letter-detail", args=[letter.pk])
    assert (letter.reference, letter.letter_type, letter.display_type) == (
        "AL OTH 74/2024", "AL", "JAL")
    assert (letter.company, letter.addressed_to) == (meta, "Meta")
    assert letter.due_on == dt.date(2024, 8, 2)
    with letter.letter.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    note = InformalNote.objects.get()
    assert (note.kind, note.noted_on, note.author) == ("preview", dt.date(2024, 5, 31), staff)
    content = response.content.decode()
    assert "AL OTH 74/2024 is logged." in content
    assert "Call with the lead to preview the letter." in content
    assert stored_files(settings, "held") == []


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"reference": "AL-OTH-74-2024"}, "letter_reference",
     "Reference: Write the reference as TYPE CODE N/YEAR"),
    ({"reference": "JAL OTH 74/2024", "mandates": "__one__"}, "letter_reference",
     "Reference: JAL marks a joint letter, signed by two or more mandates"),
    ({"reference": "AL USA 74/2024"}, "letter_reference",
     "Reference: A letter to a company carries the code OTH"),
    ({"reference": "AL OTH 74/2023"}, "letter_reference",
     "Reference: The reference year 2023 is not the year the letter was sent"),
    ({"company": "Myspace"}, "letter_company", "Company: No company is called"),
    ({"mandates": []}, "letter_mandates_0", "Signing mandates: Choose at least one"),
    ({"sent_on": "2024-06-11"}, "letter_sent_on",
     "Sent on: A letter cannot be sent in the future."),
    ({"sent_on": "10/06/2024x"}, "letter_sent_on", "Sent on: Enter a valid date."),
    ({"subject": ""}, "letter_subject", "Subject: This field is required."),
    ({"note_on": ""}, "letter_note_on", "Date of the note: Give the date"),
    ({"note_on": "2024-06-11"}, "letter_note_on",
     "Date of the note: A note cannot be dated in the future."),
])
def test_bad_input_is_named_in_the_summary_and_nothing_is_saved(
        staff_client, form_data, privacy_mandate, settings, changes, field, message):
    if changes.get("mandates") == "__one__":
        changes = {**changes, "mandates": [privacy_mandate.pk]}
    response = staff_client.post(URL, {**form_data, **changes, "letter": pdf()})
    assert response.status_code == 400
    content = response.content.decode()
    summary = content[content.index('class="error-summary"'):content.index("<h1>")]
    assert f'<a href="#{field}">{message}' in summary
    assert element(content, field)["aria-invalid"] == "true"
    assert not Communication.objects.exists()
    assert not InformalNote.objects.exists()
    assert stored_files(settings, "letters") == []


def test_a_duplicate_reference_in_its_joint_spelling_is_refused(staff_client, form_data):
    factories.CommunicationFactory(reference="AL OTH 74/2024", sent_on=dt.date(2024, 6, 1))
    response = staff_client.post(URL, form_data)
    assert "Reference: A letter with this reference already exists." in (
        response.content.decode())
    assert Communication.objects.count() == 1


def test_the_chosen_pdf_is_kept_after_a_failure_and_attached_on_the_next_try(
        staff_client, form_data, settings):
    response = staff_client.post(URL, {**form_data, "reference": "nonsense",
                                       "letter": pdf("Protest letter.pdf")})
    assert response.status_code == 400
    content = response.content.decode()
    assert ("You chose <strong>Protest letter.pdf</strong>: it is kept and will be "
            "attached.") in content
    assert element(content, "letter_letter")["aria-describedby"].split() == [
        "letter-held", "letter_letter_helptext"]
    token = elements(content, "input", type="hidden", name="held_letter")[0]["value"]
    assert len(stored_files(settings, "held")) == 1

    # Fixed, sent again without choosing the file again.
    response = staff_client.post(URL, {**form_data, "held_letter": token})
    assert response.status_code == 302
    letter = Communication.objects.get()
    with letter.letter.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert stored_files(settings, "held") == []


def test_a_kept_pdf_can_be_replaced_by_another(staff_client, form_data, settings):
    content = staff_client.post(URL, {**form_data, "subject": "", "letter": pdf("first.pdf")}
                                ).content.decode()
    token = elements(content, "input", name="held_letter")[0]["value"]
    second = SimpleUploadedFile("second.pdf", PDF_BYTES + b"% second\n", "application/pdf")
    assert staff_client.post(URL, {**form_data, "held_letter": token, "letter": second}
                             ).status_code == 302
    with Communication.objects.get().letter.open("rb") as stored:
        assert stored.read().endswith(b"% second\n")
    assert stored_files(settings, "held") == []


def test_another_accounts_token_finds_nothing_and_the_pdf_is_asked_for_again(
        staff_client, form_data, settings):
    other = factories.StaffUserFactory.create(username="other-staff")
    from django.test import Client

    other_client = Client()
    other_client.force_login(other)
    content = other_client.post(URL, {**form_data, "subject": "", "letter": pdf()}
                                ).content.decode()
    token = elements(content, "input", name="held_letter")[0]["value"]

    for bad in (token, token[:-2] + "xx"):
        response = staff_client.post(URL, {**form_data, "held_letter": bad})
        assert response.status_code == 400
        assert ("The letter as a PDF: The PDF chosen before could not be kept: choose it "
                "again.") in response.content.decode()
    assert not Communication.objects.exists()


def test_a_file_that_is_not_a_pdf_is_refused_and_not_kept(staff_client, form_data, settings):
    fake = SimpleUploadedFile("letter.pdf", b"MZ not a pdf", "application/pdf")
    response = staff_client.post(URL, {**form_data, "letter": fake})
    assert response.status_code == 400
    assert "The letter as a PDF: The file is not a PDF." in response.content.decode()
    assert not elements(response.content.decode(), "input", name="held_letter")
    assert stored_files(settings, "held") == []


def test_a_file_name_is_shown_back_as_text(staff_client, form_data):
    content = staff_client.post(URL, {**form_data, "subject": "",
                                      "letter": pdf("<img src=x onerror=alert(1)>.pdf")}
                                ).content.decode()
    assert "<img src=x" not in content
    assert ("You chose <strong>&lt;img src=x onerror=alert(1)&gt;.pdf</strong>: it is "
            "kept") in content


def test_kept_files_of_forms_abandoned_a_day_ago_are_removed(staff_client, form_data,
                                                             settings):
    staff_client.post(URL, {**form_data, "subject": "", "letter": pdf("old.pdf")})
    [old] = stored_files(settings, "held")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    staff_client.post(URL, {**form_data, "subject": "", "letter": pdf("new.pdf")})
    assert not old.exists()
    assert len(stored_files(settings, "held")) == 1


def test_company_users_may_not_log_letters(lead_a_client, lead_b_client, form_data):
    for client in (lead_a_client, lead_b_client):
        assert client.get(URL).status_code == 403
        assert client.post(URL, {**form_data, "letter": pdf()}).status_code == 403
    assert not Communication.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous_client, form_data):
    for response in (anonymous_client.get(URL),
                     anonymous_client.post(URL, {**form_data, "letter": pdf()})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not Communication.objects.exists()


@pytest.mark.parametrize("url_name", ["letter-list", "board"])
def test_staff_find_the_new_letter_page_from_their_lists(staff_client, url_name, today):
    content = staff_client.get(reverse(url_name)).content.decode()
    assert f'href="{URL}"' in content


def test_leads_are_not_offered_it(lead_a_client, today):
    assert URL not in lead_a_client.get(reverse("letter-list")).content.decode()


def test_the_companys_lead_is_told_of_the_new_letter_only_once_it_is_saved(
        staff_client, form_data, lead_a):
    from reminders.models import Reminder

    staff_client.post(URL, {**form_data, "note_on": "2024-06-11"})  # refused, rolled back
    assert not Reminder.objects.exists()
    assert staff_client.post(URL, form_data).status_code == 302
    notices = Reminder.objects.filter(kind="new_letter")
    assert [(n.recipient_email, n.communication.reference) for n in notices] == [
        ("lead-a@meta.example", "AL OTH 74/2024")]
