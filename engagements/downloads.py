"""A letter's or a reply's PDF as a download: the one way the web pages and the API
answer with a stored document (after the visibility check, which is the caller's)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from engagements.models import Communication, Response


def pdf_download(file: FieldFile, filename: str) -> FileResponse:
    # A download, never a page of this site: even a file that slipped past the upload
    # check (or was stored before it) is saved rather than shown, and a browser that
    # shows it anyway runs it in a sandbox, with no script and no access to our origin.
    response = FileResponse(file.open("rb"), content_type="application/pdf",
                            as_attachment=True, filename=filename)
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    # Confidential: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def letter_filename(letter: Communication) -> str:
    return f"{letter.reference.replace('/', '-')}.pdf"


def reply_filename(letter: Communication, reply: Response) -> str:
    return f"{letter.reference.replace('/', '-')}-{reply.kind}-reply.pdf"
