"""The board's list as CSV (streamed) and Excel, with the columns people sort on."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from engagements.models import Communication
from engagements.presentation import days_remaining_words

COLUMNS = [_("Reference"), _("Type"), _("Company"), _("Addressed to"), _("Mandates"),
           _("Subject"), _("Sent on"), _("Due on"), _("Public on"), _("Status"), _("Deadline"),
           _("Final reply on"), _("Issue owner")]


def _headings() -> list[str]:
    return [str(column) for column in COLUMNS]

# A spreadsheet runs a cell starting with one of these as a formula: a subject written
# as "=HYPERLINK(...)" must stay text (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


safe_text = _safe_text  # for the other exports (the public register's CSV)


def export_rows(letters: QuerySet[Communication], today: dt.date) -> Iterator[list[Any]]:
    # iterator() keeps memory flat on a large export; it still honours the prefetch,
    # one mandate query per chunk.
    for letter in letters.iterator(chunk_size=500):
        yield [
            _safe_text(letter.reference), letter.display_type, _safe_text(letter.company.name),
            _safe_text(letter.addressed_to),
            _safe_text(", ".join(mandate.display_short_name for mandate in letter.mandates.all())),
            _safe_text(letter.subject), letter.sent_on, letter.due_on, letter.public_on,
            str(letter.deadline_status(today).label), days_remaining_words(letter, today),
            letter.final_reply_on or "",
            _safe_text(letter.assignee.name) if letter.assignee else "",
        ]


class _Echo:
    """A file-like object that hands back what is written, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]], headings: list[str] | None = None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so Excel opens the UTF-8 file with its accents
    yield writer.writerow(headings if headings is not None else _headings())
    for row in rows:
        yield writer.writerow([value.isoformat() if isinstance(value, dt.date) else value
                               for value in row])


def xlsx_bytes(rows: Iterable[list[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Letters"))
    widths = [16, 6, 18, 18, 30, 50, 12, 12, 12, 16, 20, 14, 20]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_headings())
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
