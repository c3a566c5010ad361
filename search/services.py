"""Reading the text out of uploaded PDFs, for the search index.

The triggers list each new or replaced PDF in search_storedfile with `extracted_at`
null; stored_files_extract() reads them one by one, outside any lock (reading a long
PDF must not hold up a write to its letter), and stores the text with a compare-and-set
on the path: if the PDF was replaced meanwhile, the stale text is dropped and the new
file stays listed. Writing the text fires the trigger that indexes it (weight D).

An unreadable PDF (encrypted, damaged, a scan without a text layer gives no text) is
recorded with its error and never tried again; the upload itself was committed long
before and is never affected.
"""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from search.models import StoredFile

logger = logging.getLogger(__name__)

# Far more than any letter; a bound on what one document can cost the worker and the
# index (PostgreSQL refuses a tsvector over 1 MB).
MAX_PAGES = 300
MAX_CHARACTERS = 300_000
BATCH_SIZE = 50


def pdf_text(path: str) -> str:
    """The text layer of the stored PDF at `path`, bounded."""
    with default_storage.open(path, "rb") as handle:
        reader = PdfReader(handle)
        pieces: list[str] = []
        length = 0
        for page in reader.pages[:MAX_PAGES]:
            piece = page.extract_text() or ""
            pieces.append(piece)
            length += len(piece)
            if length >= MAX_CHARACTERS:
                break
    # PostgreSQL text cannot hold NUL.
    return "\n".join(pieces)[:MAX_CHARACTERS].replace("\x00", " ")


def stored_files_extract(*, limit: int | None = None) -> int:
    """Extract every PDF listed and not yet read (at most `limit`); return how many."""
    done = 0
    while limit is None or done < limit:
        batch = list(StoredFile.objects.filter(extracted_at__isnull=True)
                     .order_by("id").values_list("id", "path")[:BATCH_SIZE])
        if not batch:
            break
        for pk, path in batch:
            stored_file_extract(pk=pk, path=path)
            done += 1
    return done


def stored_file_extract(*, pk: int, path: str) -> bool:
    """Read one listed PDF; False when it was replaced or removed meanwhile."""
    text, error = "", ""
    try:
        text = pdf_text(path)
    except Exception as problem:  # any failure of the file or the parser is recorded
        logger.warning("could not read the text of %s: %s", path, problem)
        error = f"{type(problem).__name__}: {problem}"[:300]
    # Compare-and-set: only if the same file is still waiting (see the module's doc).
    return StoredFile.objects.filter(pk=pk, path=path, extracted_at__isnull=True).update(
        text=text, error=error, extracted_at=timezone.now()) == 1
