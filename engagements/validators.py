"""Checks for uploaded documents: letters and reply attachments are PDFs of bounded size,
with nothing in them that runs.

A letter is opened by OHCHR staff and company leads, often in the browser's own PDF
viewer or in Acrobat. So an upload must be a PDF from its first byte (an HTML page with
"%PDF-" in a comment is not one, whatever a lenient sniffer says), must parse as one, and
must carry no active content: no JavaScript, no action that launches a program, opens or
submits to another file or address, and no embedded file. The check reads the document's
objects through pypdf, so a name spelt with escapes (/J#61vaScript) is caught like the
plain one; it does not decode page content, which cannot run anything.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

PDF_MAGIC = b"%PDF-"
# Far above any letter (a 100-page scan has a few thousand objects), far below what
# would keep a request busy for long.
MAX_OBJECTS = 200_000

# Action types (the /S of an action dictionary) that run or fetch something.
ACTIVE_ACTIONS = {
    "/JavaScript": gettext_lazy("JavaScript"),
    "/Launch": gettext_lazy("an action that launches a program"),
    "/ImportData": gettext_lazy("an action that imports data"),
    "/SubmitForm": gettext_lazy("an action that submits a form"),
    "/GoToR": gettext_lazy("an action that opens another file"),
    "/GoToE": gettext_lazy("an action that opens an embedded file"),
    "/RichMediaExecute": gettext_lazy("rich media"),
    "/Rendition": gettext_lazy("a media rendition"),
}
# Keys whose mere presence means active content, wherever they appear.
ACTIVE_KEYS = {
    "/JS": gettext_lazy("JavaScript"),
    "/JavaScript": gettext_lazy("JavaScript"),
    "/EmbeddedFiles": gettext_lazy("an embedded file"),
    "/EF": gettext_lazy("an embedded file"),
    "/XFA": gettext_lazy("an XFA form (which can run scripts)"),
    "/RichMedia": gettext_lazy("rich media"),
}
# Values of /Type or /Subtype that are active content.
ACTIVE_TYPES = {
    "/EmbeddedFile": gettext_lazy("an embedded file"),
    "/FileAttachment": gettext_lazy("an embedded file"),
    "/RichMedia": gettext_lazy("rich media"),
    "/Movie": gettext_lazy("a movie"),
    "/Sound": gettext_lazy("a sound"),
    "/Screen": gettext_lazy("a media screen"),
}

# pypdf logs every repair it makes to a damaged file; the outcome is what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class _TooComplex(Exception):
    pass


def _active_content(reader: PdfReader) -> str | None:
    """What the first piece of active content found is, or None: every object reachable
    from the trailer is visited once (the catalogue, pages, annotations, name trees)."""
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise _TooComplex
        if isinstance(item, DictionaryObject):  # a stream's dictionary too
            # Unresolved values: references are followed once each, above.
            for key, value in dict.items(item):
                if key in ACTIVE_KEYS:
                    return str(ACTIVE_KEYS[key])
                if key == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    return str(ACTIVE_ACTIONS[value])
                if key in ("/Type", "/Subtype") and isinstance(value, NameObject) \
                        and value in ACTIVE_TYPES:
                    return str(ACTIVE_TYPES[value])
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))
    return None


def _check_pdf(upload: File[bytes]) -> None:
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise ValidationError(_("The file is not a PDF."))
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(_("The PDF is protected by a password; upload it "
                                    "without one."))
        found = _active_content(reader)
    except ValidationError:
        raise
    except _TooComplex:
        raise ValidationError(_("The PDF has too many objects to be checked.")) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, NotImplementedError) as error:
        # A damaged file, or one encrypted in a way we cannot open to check.
        raise ValidationError(_("The file is not a readable PDF.")) from error
    if found is not None:
        raise ValidationError(
            _("The PDF contains %(what)s; only plain documents are accepted. Print it to "
              "a new PDF and upload that.") % {"what": found})


def validate_pdf(upload: File[bytes]) -> None:
    if upload.size is not None and upload.size > settings.BTECH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.") % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.BTECH_MAX_UPLOAD_BYTES)}
        )
    # A file already stored was checked when it was uploaded: re-reading it on every
    # full_clean() of its letter or reply would parse megabytes for a change of subject.
    if getattr(upload, "_committed", False):
        return
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        _check_pdf(upload)
    finally:
        upload.seek(position)
