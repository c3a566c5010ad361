"""Checks for uploaded documents: letters and reply attachments are PDFs of bounded size."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat

PDF_MAGIC = b"%PDF-"


def validate_pdf(upload: File[bytes]) -> None:
    if upload.size is not None and upload.size > settings.BTECH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {filesizeformat(upload.size)}; the limit is "
            f"{filesizeformat(settings.BTECH_MAX_UPLOAD_BYTES)}."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(position)
    # The header may follow a few bytes of junk; PDF readers accept it within 1 KiB.
    if PDF_MAGIC not in head:
        raise ValidationError("The file is not a PDF.")
