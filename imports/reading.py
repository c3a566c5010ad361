"""Reading a file of existing letters: CSV or Excel, one row per letter.

CSV through the csv module, Excel through openpyxl (both kept by others and already
here); this module only turns their rows into plain text cells keyed by column name.
Replies are columns of the letter's row (reply_1_kind, reply_1_received_on, ...) or, in
an Excel file, rows of a second sheet named "replies" that name the letter by reference.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext

# The columns a letter's row may have. Header names are read without regard to case,
# spaces or hyphens ("Sent on" is sent_on).
LETTER_COLUMNS = ("reference", "type", "company", "mandates", "sent_on", "language",
                  "subject", "summary", "letter_pdf", "press_release_on")
REQUIRED_COLUMNS = ("reference", "type", "company", "mandates", "sent_on", "subject")
REPLY_FIELDS = ("kind", "received_on", "body", "pdf")
REPLIES_SHEET = "replies"
# A letter has at most a handful of replies; the columns are numbered from 1.
MAX_REPLY_COLUMNS = 20
MAX_ROWS = 200_000


class UnreadableFile(Exception):
    """The file as a whole cannot be read: one readable sentence, no row number."""


@dataclass
class ReplyRow:
    number: int  # the row in its sheet (or the letter's row), counting the header as 1
    prefix: str  # where its cells are named from: "reply_2_" or "replies!"
    cells: dict[str, str]


@dataclass
class LetterRow:
    number: int  # the spreadsheet's row number, header row = 1
    cells: dict[str, str]
    replies: list[ReplyRow] = field(default_factory=list)


def _column(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell(value: object) -> str:
    # Excel gives dates as datetimes: the date is what a letter's dates mean.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


Records = list[tuple[int, dict[str, str]]]  # (row number, cells by column)


def _records(rows: list[list[object]], *, what: str) -> tuple[list[str], Records]:
    if not rows:
        raise UnreadableFile(gettext("The %(what)s has no header row.") % {"what": what})
    header = [_column(name) for name in rows[0]]
    records: Records = []
    for index, row in enumerate(rows[1:], start=2):
        cells = {name: _cell(value) for name, value in zip(header, row, strict=False) if name}
        if any(cells.values()):  # blank lines are not letters
            records.append((index, cells))
    if len(records) > MAX_ROWS:
        raise UnreadableFile(gettext("The file has more than %(max)s rows; split it.")
                             % {"max": f"{MAX_ROWS:,}"})
    return header, records


def _read_csv(data: bytes) -> dict[str, list[list[object]]]:
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError:
        raise UnreadableFile(gettext("The CSV file is not UTF-8 text; save it as "
                                     "\"CSV UTF-8\".")) from None
    # The separator is read off the header, whose names hold none: a sniffer reading
    # the rows could take the ";" between two mandates for it.
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    try:
        return {"letters": [list(row) for row in csv.reader(io.StringIO(text),
                                                            delimiter=delimiter)]}
    except csv.Error as error:
        raise UnreadableFile(gettext("The CSV file cannot be read: %(error)s")
                             % {"error": error}) from None


def _read_xlsx(data: bytes) -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(gettext("The Excel file cannot be read (%(error)s).")
                             % {"error": error}) from None
    try:
        sheets = {}
        for index, sheet in enumerate(book.worksheets):
            name = "letters" if index == 0 else _column(sheet.title)
            sheets[name] = [list(row) for row in sheet.iter_rows(values_only=True)]
        return sheets
    finally:
        book.close()


@dataclass
class LetterFile:
    letters: list[LetterRow]
    # Rows of the replies sheet whose reference names no letter of the file.
    orphan_replies: list[ReplyRow] = field(default_factory=list)


def read_letters(source: str | Path | IO[bytes], *, name: str | None = None) -> LetterFile:
    """The letters of a .csv or .xlsx file (a path, or an open file with its `name`)."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UnreadableFile(gettext("%(name)s cannot be opened: %(error)s") % {
                "name": path, "error": error.strerror or error}) from None
    else:
        data = source.read()
        name = name or getattr(source, "name", "") or ""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        sheets = _read_csv(data)
    elif suffix == ".xlsx":
        sheets = _read_xlsx(data)
    else:
        raise UnreadableFile(gettext("%(name)s is neither a .csv nor a .xlsx file.")
                             % {"name": name})
    header, records = _records(sheets["letters"], what=gettext("sheet of letters"))
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise UnreadableFile(gettext("The file has no column %(columns)s.")
                             % {"columns": ", ".join(missing)})
    letters = [LetterRow(number=number, cells=cells) for number, cells in records]
    for letter in letters:
        letter.replies = _reply_columns(letter)
    orphans = (_attach_reply_sheet(letters, sheets[REPLIES_SHEET])
               if REPLIES_SHEET in sheets else [])
    return LetterFile(letters=letters, orphan_replies=orphans)


def _reply_columns(letter: LetterRow) -> list[ReplyRow]:
    replies = []
    for n in range(1, MAX_REPLY_COLUMNS + 1):
        prefix = f"reply_{n}_"
        cells = {part: letter.cells.get(prefix + part, "") for part in REPLY_FIELDS}
        if any(cells.values()):
            replies.append(ReplyRow(number=letter.number, prefix=prefix, cells=cells))
    return replies


def _attach_reply_sheet(letters: list[LetterRow], rows: list[list[object]]) -> list[ReplyRow]:
    from engagements.references import normalise_reference

    _header, records = _records(rows, what=gettext("sheet of replies"))
    by_reference = {normalise_reference(letter.cells.get("reference", "")): letter
                    for letter in letters}
    orphans = []
    for number, cells in records:
        letter = by_reference.get(normalise_reference(cells.get("reference", "")))
        reply = ReplyRow(number=number, prefix=f"{REPLIES_SHEET}!",
                         cells={part: cells.get(part, "") for part in (*REPLY_FIELDS,
                                                                       "reference")})
        if letter is None:
            orphans.append(reply)
        else:
            letter.replies.append(reply)
    return orphans
