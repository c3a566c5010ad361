"""The PDF check on uploads (engagements/validators.py): a PDF from its first byte, that
parses, with nothing in it that runs."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from engagements.validators import validate_pdf
from tests.factories import PDF_BYTES, pdf_bytes


def name(text: str) -> NameObject:
    return NameObject(text)


def open_action(action: Mapping[str, object]) -> object:
    def change(writer: PdfWriter) -> None:
        writer.root_object[name("/OpenAction")] = DictionaryObject(
            {name(key): value for key, value in action.items()})
    return change


JAVASCRIPT = {"/S": name("/JavaScript"), "/JS": TextStringObject("app.alert('hello')")}


def launch_link(writer: PdfWriter) -> None:
    writer.add_annotation(page_number=0, annotation=DictionaryObject({
        name("/Type"): name("/Annot"), name("/Subtype"): name("/Link"),
        name("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(100),
                                    FloatObject(100)]),
        name("/A"): DictionaryObject({name("/S"): name("/Launch"),
                                      name("/F"): TextStringObject("calc.exe")}),
    }))


def attach_file(writer: PdfWriter) -> None:
    writer.add_attachment("payload.html", b"<script>alert(1)</script>")


def check(data: bytes) -> list[str]:
    """The messages of the check, [] when the file passes."""
    try:
        validate_pdf(SimpleUploadedFile("letter.pdf", data, "application/pdf"))
    except ValidationError as error:
        return error.messages
    return []


def test_a_plain_pdf_passes():
    assert check(PDF_BYTES) == []


def test_a_web_page_with_the_pdf_signature_in_a_comment_is_refused():
    page = b"<html><!-- %PDF-1.7 --><script>alert(document.cookie)</script></html>"
    assert check(page) == ["The file is not a PDF."]


def test_the_signature_must_be_the_first_bytes():
    assert check(b"\n\n" + PDF_BYTES) == ["The file is not a PDF."]


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    assert check(b"%PDF-1.7\nthis is not a document at all\n") == [
        "The file is not a readable PDF."]


@pytest.mark.parametrize(("change", "what"), [
    (open_action(JAVASCRIPT), "JavaScript"),
    (open_action({"/S": name("/Launch"), "/F": TextStringObject("cmd.exe")}),
     "an action that launches a program"),
    (launch_link, "an action that launches a program"),
    (attach_file, "an embedded file"),
])
def test_a_pdf_with_active_content_is_refused(change, what):
    assert check(pdf_bytes(change)) == [
        f"The PDF contains {what}; only plain documents are accepted. Print it to a new "
        "PDF and upload that."]


def test_active_content_is_found_when_its_names_are_spelt_with_escapes():
    data = pdf_bytes(open_action(JAVASCRIPT))
    assert b"/JavaScript" in data and b"/JS " in data
    hidden = data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    assert b"JavaScript" not in hidden
    assert check(hidden)[0].startswith("The PDF contains JavaScript")


def test_a_pdf_with_a_password_is_refused():
    def encrypt(writer: PdfWriter) -> None:
        writer.encrypt(user_password="secret", algorithm="RC4-128")
    assert check(pdf_bytes(encrypt)) == [
        "The PDF is protected by a password; upload it without one."]
