"""manage.py import_letters FILE.csv|FILE.xlsx [--documents DIR|ZIP] [--dry-run]
[--skip-invalid]: log existing letters, with their replies and PDFs (imports.services)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from btech.commands import ConciseCommand
from imports.documents import documents_at
from imports.reading import UnreadableFile, read_letters
from imports.services import letters_import


class Command(ConciseCommand):
    help = ("Import existing letters from a CSV or Excel file, one row per letter (see the "
            "README's file format). Nothing is written if any row is refused, unless "
            "--skip-invalid.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .csv or .xlsx file of letters.")
        parser.add_argument("--documents", metavar="DIR|ZIP",
                            help="A folder or ZIP archive holding the PDFs the file names.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check every row and say what would be imported; write "
                                 "nothing.")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="Import the valid rows and report the others.")

    def handle(self, *args: Any, **options: Any) -> None:
        documents = None
        try:
            letters = read_letters(options["file"])
            documents = documents_at(options["documents"])
            report = letters_import(letters=letters, documents=documents, imported_by=None,
                                    dry_run=options["dry_run"],
                                    skip_invalid=options["skip_invalid"])
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        finally:
            if documents is not None:
                documents.close()
        for row_error in report.errors:
            self.stderr.write(str(row_error))
        if report.skipped_rows:
            self.stderr.write("Skipped rows: " + ", ".join(map(str, report.skipped_rows)))
        if report.errors and not report.committed:  # refused, or a dry run that would be
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
