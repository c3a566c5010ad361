"""Importing existing letters: every row through the one write path.

Each letter is logged by engagements.services.communication_create and each of its
replies by response_log, exactly as the web pages, the admin and the API log them, so
every rule (the reference's format and year, a joint letter's mandates, a final reply's
uniqueness, a PDF's checks) holds for imported letters too, and so do the notices: a
letter whose 60 days had run before it was imported is historical, so nobody is told of
it (reminders.services.new_letter_notify); and every letter imported is marked so
(imported_at), so that one whose due date had passed is not chased (reminders.planner).

One transaction: a file with any refused row writes nothing, unless skip_invalid asks
to import the good rows and report the others. Each row runs in a savepoint, so a row
refused half-way (its letter logged, then its reply refused) leaves nothing behind.
Idempotent on the reference: a letter already logged is left as it is and counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext, ngettext

from companies.models import Company, CompanyFormerName
from engagements import services
from engagements.models import Communication, Language, LetterType, ResponseKind
from engagements.references import normalise_reference, parse_reference
from engagements.validators import validate_pdf
from imports.documents import Documents
from imports.reading import REPLIES_SHEET, LetterFile, LetterRow, ReplyRow
from mandates.models import Mandate

if TYPE_CHECKING:
    from accounts.models import User

# Where a service's error on a model field is shown: the column it came from.
LETTER_COLUMN_OF = {"letter_type": "type", "letter": "letter_pdf", NON_FIELD_ERRORS: ""}
REPLY_COLUMN_OF = {"attachment": "pdf", "communication": "", NON_FIELD_ERRORS: ""}
MANDATE_SEPARATORS = (";", "\n", "|")


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (the header is row 1)
    column: str  # the column, "" for the row as a whole
    message: str
    sheet: str = ""  # "" for the letters, "replies" for the second sheet

    def __str__(self) -> str:
        where = (gettext("%(sheet)s sheet, row %(row)s") % {"sheet": self.sheet,
                                                            "row": self.row}
                 if self.sheet else gettext("row %(row)s") % {"row": self.row})
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool
    created: list[str] = field(default_factory=list)  # references
    present: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    replies: int = 0
    documents: int = 0

    committed: bool = False  # written to the database (some rows may have been skipped)

    def summary(self) -> str:
        if self.errors and not self.committed and not self.dry_run:
            return ngettext("Nothing imported: %(count)s error.",
                            "Nothing imported: %(count)s errors.",
                            len(self.errors)) % {"count": len(self.errors)}
        text = (gettext("%(created)s would be created, %(present)s already present")
                if self.dry_run else gettext("%(created)s created, %(present)s already present")
                ) % {"created": len(self.created), "present": len(self.present)}
        if self.skipped_rows:
            text += ", " + ngettext("%(count)s row skipped", "%(count)s rows skipped",
                                    len(self.skipped_rows)) % {"count": len(self.skipped_rows)}
        if self.errors and self.dry_run:
            text += ", " + ngettext("%(count)s error", "%(count)s errors",
                                    len(self.errors)) % {"count": len(self.errors)}
        return text + "."


class _RollBack(Exception):
    pass


class _Lookups:
    """Companies and mandates, read once for the whole file."""

    def __init__(self) -> None:
        self.companies: dict[str, Company | None] = {}
        for company in Company.objects.all():
            self.companies[company.name.casefold()] = company
        # A current name wins over a former one; a former name two companies shared is
        # ambiguous (None), and refused rather than guessed.
        former: dict[str, set[int]] = {}
        for name, company_id in CompanyFormerName.objects.values_list("name", "company_id"):
            former.setdefault(name.casefold(), set()).add(company_id)
        by_id = {company.pk: company for company in self.companies.values() if company}
        for name, ids in former.items():
            if name not in self.companies:
                self.companies[name] = by_id[next(iter(ids))] if len(ids) == 1 else None
        self.mandates = {mandate.short_name.casefold(): mandate
                         for mandate in Mandate.objects.all()}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValidationError(gettext("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                              % {"value": text}) from None


def _choice(text: str, choices: type[Any], aliases: dict[str, str] | None = None) -> str:
    value = text.strip()
    for choice in choices:
        if value.casefold() in (choice.value.casefold(), str(choice.label).casefold(),
                                choice.name.casefold()):
            return str(choice.value)
    if aliases and value.casefold() in aliases:
        return aliases[value.casefold()]
    raise ValidationError(gettext("“%(value)s” is not one of %(choices)s.") % {
        "value": value, "choices": ", ".join(choice.value for choice in choices)})


class _Row:
    """One letter's row turned into the services' arguments, collecting every error."""

    def __init__(self, row: LetterRow, lookups: _Lookups, documents: Documents, *,
                 check_only: bool) -> None:
        self.row = row
        self.errors: list[RowError] = []
        self.lookups = lookups
        self.documents = documents
        self.check_only = check_only
        self.documents_found = 0

    def error(self, column: str, message: str, *, reply: ReplyRow | None = None) -> None:
        if reply is not None and reply.prefix.endswith("!"):
            self.errors.append(RowError(reply.number, column, message, sheet=REPLIES_SHEET))
        else:
            self.errors.append(RowError(self.row.number,
                                        (reply.prefix if reply else "") + column, message))

    def cell(self, column: str, parse: Callable[[str], Any], *, required: bool = True,
             reply: ReplyRow | None = None) -> Any:
        cells = reply.cells if reply is not None else self.row.cells
        text = cells.get(column, "").strip()
        if not text:
            if required:
                self.error(column, gettext("This field cannot be blank."), reply=reply)
            return None
        try:
            return parse(text)
        except ValidationError as error:
            for message in error.messages:
                self.error(column, message, reply=reply)
            return None

    def company(self, text: str) -> Company:
        key = text.casefold()
        if key not in self.lookups.companies:
            raise ValidationError(gettext("No company is called “%(name)s”, by its current "
                                          "name or a former one.") % {"name": text})
        company = self.lookups.companies[key]
        if company is None:
            raise ValidationError(gettext("“%(name)s” was the name of more than one "
                                          "company; use the current name.") % {"name": text})
        return company

    def mandates(self, text: str) -> list[Mandate]:
        for separator in MANDATE_SEPARATORS[1:]:
            text = text.replace(separator, MANDATE_SEPARATORS[0])
        names = [name.strip() for name in text.split(MANDATE_SEPARATORS[0]) if name.strip()]
        unknown = [name for name in names if name.casefold() not in self.lookups.mandates]
        if unknown:
            raise ValidationError(gettext("No mandate has the short name %(names)s.")
                                  % {"names": ", ".join(f"“{name}”" for name in unknown)})
        return [self.lookups.mandates[name.casefold()] for name in names]

    def document(self, text: str) -> File[bytes] | None:
        found = self.documents.open(text)
        if found is None:
            raise ValidationError(gettext("“%(name)s” is not among the documents given "
                                          "(--documents).") % {"name": text})
        self.documents_found += 1
        if self.check_only:
            # A dry run stores nothing: the file is checked here as its service would.
            validate_pdf(found)
            return None
        return found

    def letter_arguments(self) -> dict[str, Any]:
        get = self.cell
        letter_types = {f"j{choice.value}".casefold(): str(choice.value)
                        for choice in LetterType}
        return {
            "reference": self.row.cells.get("reference", "").strip(),
            "letter_type": get("type", lambda text: _choice(text, LetterType, letter_types)),
            "company": get("company", self.company),
            "mandates": get("mandates", self.mandates) or [],
            "sent_on": get("sent_on", _date),
            "language": get("language", lambda text: _choice(text, Language),
                            required=False) or Language.ENGLISH,
            "subject": self.row.cells.get("subject", "").strip(),
            "summary": self.row.cells.get("summary", "").strip(),
            "press_release_on": get("press_release_on", _date, required=False),
            "letter": get("letter_pdf", self.document, required=False),
        }

    def reply_arguments(self, reply: ReplyRow) -> dict[str, Any]:
        return {
            "kind": self.cell("kind", lambda text: _choice(text, ResponseKind), reply=reply),
            "received_on": self.cell("received_on", _date, reply=reply),
            "body": reply.cells.get("body", "").strip(),
            "attachment": self.cell("pdf", self.document, required=False, reply=reply),
        }

    def service_error(self, error: ValidationError, *, reply: ReplyRow | None = None) -> None:
        column_of = REPLY_COLUMN_OF if reply is not None else LETTER_COLUMN_OF
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.error("", message, reply=reply)
            return
        for name, messages in error.message_dict.items():
            for message in messages:
                self.error(column_of.get(name, name), message, reply=reply)


def letters_import(*, letters: LetterFile, documents: Documents, imported_by: User | None,
                   dry_run: bool = False, skip_invalid: bool = False) -> ImportReport:
    """Log every letter of `letters` not logged yet, with its replies and PDFs."""
    report = ImportReport(dry_run=dry_run)
    lookups = _Lookups()
    references = {_canonical(row.cells.get("reference", "")) for row in letters.letters}
    present = set(Communication.objects.filter(reference__in=references)
                  .values_list("reference", flat=True))
    seen: dict[str, int] = {}
    stored: list[FieldFile] = []  # files written to storage, removed if rolled back
    try:
        with transaction.atomic():
            for row in letters.letters:
                reference = _canonical(row.cells.get("reference", ""))
                if reference in present:
                    report.present.append(reference)
                    continue
                parsed = _Row(row, lookups, documents, check_only=dry_run)
                if reference and reference in seen:
                    parsed.error("reference", gettext(
                        "The same reference is on row %(row)s.") % {"row": seen[reference]})
                seen.setdefault(reference, row.number)
                _import_row(parsed, report, stored, imported_by, skip_invalid=skip_invalid)
                if parsed.errors:
                    report.errors.extend(parsed.errors)
                    report.skipped_rows.append(row.number)
            for orphan in letters.orphan_replies:
                report.errors.append(RowError(orphan.number, "reference", gettext(
                    "No letter of the file has the reference “%(reference)s”.") % {
                    "reference": orphan.cells.get("reference", "")}, sheet=REPLIES_SHEET))
            if dry_run or (report.errors and not skip_invalid):
                raise _RollBack
    except _RollBack:
        _remove(stored)
        if not dry_run:
            report.skipped_rows = []
        return report
    except BaseException:
        _remove(stored)
        raise
    report.committed = True
    return report


def _canonical(text: str) -> str:
    """The reference as it is stored (JAL OTH 1/2024 is stored as AL OTH 1/2024)."""
    normalised = normalise_reference(text)
    parsed = parse_reference(normalised)
    return parsed.text if parsed is not None else normalised


def _import_row(parsed: _Row, report: ImportReport, stored: list[FieldFile],
                imported_by: User | None, *, skip_invalid: bool) -> None:
    arguments = parsed.letter_arguments()
    replies = [(reply, parsed.reply_arguments(reply)) for reply in parsed.row.replies]
    if parsed.errors:
        return
    written: list[FieldFile] = []
    # A savepoint per row only when the good rows are kept: otherwise one refused row
    # rolls the whole import back anyway, and two statements a row are saved.
    savepoint: AbstractContextManager[object] = (transaction.atomic() if skip_invalid
                                                 else nullcontext())
    try:
        with savepoint:  # a refused reply undoes its letter
            try:
                letter = services.communication_create(
                    **arguments, logged_by=imported_by, imported=True,
                    # A letter already answered is no news to announce.
                    announce=not any(values["kind"] == ResponseKind.FINAL
                                     for _reply, values in replies))
            except ValidationError as error:
                parsed.service_error(error)
                raise _RollBack from None
            if letter.letter:
                written.append(letter.letter)
            for reply, values in replies:
                try:
                    response = services.response_log(communication=letter, logged_by=imported_by,
                                                      **values)
                except ValidationError as error:
                    parsed.service_error(error, reply=reply)
                    raise _RollBack from None
                if response.attachment:
                    written.append(response.attachment)
    except _RollBack:
        _remove(written)
        return
    stored.extend(written)
    report.created.append(letter.reference)
    report.replies += len(replies)
    report.documents += parsed.documents_found


def _remove(files: list[FieldFile]) -> None:
    for stored in files:
        if stored.name:
            stored.storage.delete(stored.name)
