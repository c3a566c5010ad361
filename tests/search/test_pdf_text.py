"""The text of uploaded PDFs: read after the upload, indexed, dropped with the PDF."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile

from engagements import services
from search.models import Document, StoredFile
from search.services import stored_files_extract
from tests import factories
from tests.search.conftest import RECENT


def _found(client, words):
    return [row["kind"] for row in client.get("/api/v1/search/", {"q": words}).json()["results"]]


def test_a_word_of_a_letters_pdf_is_found_once_the_worker_has_read_it(
        api_for, company_a, staff, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("reminders.queue.current_app.send_task",
                        lambda name, *args, **kwargs: sent.append(name))
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.communication_create(
            reference="AL OTH 9/2024", letter_type="AL", mandates=[factories.MandateFactory()],
            company=company_a, sent_on=RECENT, subject="Routers",
            letter=ContentFile(factories.pdf_with_text("Pangolin traffic analysis"),
                               name="letter.pdf"))
    assert "search.extract_text" in sent
    assert _found(api_for("staff"), "pangolin") == []  # not read yet

    assert stored_files_extract() == 1

    assert _found(api_for("staff"), "pangolin") == ["letter"]
    # A new PDF replaces the old text as soon as it is read.
    services.communication_update(communication=letter, letter=ContentFile(
        factories.pdf_with_text("Armadillo"), name="new.pdf"))
    assert _found(api_for("staff"), "pangolin") == []
    stored_files_extract()
    assert _found(api_for("staff"), "armadillo") == ["letter"]
    # Removed with the PDF.
    services.communication_update(communication=letter, letter=None)
    assert _found(api_for("staff"), "armadillo") == []
    assert not StoredFile.objects.exists()


def test_an_unreadable_pdf_is_recorded_and_the_reply_stays_logged(api_for, company_a, staff):
    letter = factories.CommunicationFactory(company=company_a, sent_on=RECENT)
    reply = services.response_log(
        communication=letter, kind="interim", received_on=RECENT, logged_by=staff,
        attachment=ContentFile(factories.PDF_BYTES, name="reply.pdf"))
    # The file is lost from the storage before the worker reads it.
    reply.attachment.storage.delete(reply.attachment.name)

    assert stored_files_extract() == 1

    stored = StoredFile.objects.get(kind="reply", object_id=reply.pk)
    assert stored.extracted_at is not None and stored.text == ""
    assert "FileNotFoundError" in stored.error
    assert stored_files_extract() == 0  # never tried again
    assert letter.responses.get() == reply


def test_the_index_is_rebuilt_after_a_load_that_bypassed_the_triggers(api_for, company_a):
    from django.core.management import call_command

    letter = factories.CommunicationFactory(company=company_a, sent_on=RECENT,
                                            subject="Sideloaded")
    Document.objects.all().delete()
    assert _found(api_for("staff"), "sideloaded") == []

    call_command("search_reindex", stdout=io.StringIO())

    assert _found(api_for("staff"), "sideloaded") == ["letter"]
    assert letter.subject == "Sideloaded"


def test_an_unknown_kind_is_refused_in_one_line(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="unknown kind 'meeting': one of letter, reply"):
        call_command("search_reindex", "meeting")
