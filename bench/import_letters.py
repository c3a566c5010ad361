"""Benchmark: importing 10,000 existing letters from a CSV file.

    make bench-import

Uses its own embedded PostgreSQL under .data/bench-import, emptied of letters first. The
file has 10,000 rows over 100 companies (half of them named by a former name) and 10
mandates; a third of the letters are current (sent within the last 60 days, so their
companies are told), the rest historical; two in three rows carry a final reply in the
numbered reply columns. The import is what `manage.py import_letters FILE.csv` does:
every row through communication_create and response_log, in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data" / "bench-import"
ROWS = min(int(os.environ.get("BENCH_ROWS", "10000")), 10_000)
HALF = 5_000  # a reference number has at most four digits
COMPANIES = 100
MANDATES = 10


def _setup_django() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "btech.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["BTECH_DATA_DIR"] = str(DATA_DIR)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
    import django

    django.setup()


def _reference_data() -> None:
    from companies.models import Company, CompanyFormerName, Contact
    from mandates.models import Mandate

    for n in range(COMPANIES):
        company, _ = Company.objects.get_or_create(name=f"Bench company {n}")
        CompanyFormerName.objects.get_or_create(company=company, name=f"Bench old name {n}",
                                                renamed_on=dt.date(2015, 1, 1))
        Contact.objects.get_or_create(company=company, email=f"lead{n}@bench.example",
                                      defaults={"name": f"Lead {n}", "role": "hr_lead"})
    for n in range(MANDATES):
        Mandate.objects.get_or_create(short_name=f"Bench mandate {n}",
                                      defaults={"title": f"Bench mandate {n}"})


def _write_file(path: Path, today: dt.date) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["reference", "type", "company", "mandates", "sent_on", "language",
                         "subject", "summary", "reply_1_kind", "reply_1_received_on",
                         "reply_1_body"])
        for n in range(ROWS):
            current = n % 3 == 0
            # A reference's number has at most four digits: the two halves of the file
            # share numbers, in different years (rows n and n + 5,000 are never both
            # current letters, which are all of this year or the last).
            sent = today - dt.timedelta(days=5 + n % 50) if current else (
                dt.date(2016 if n < HALF else 2018, 1, 1) + dt.timedelta(days=n % 360))
            company = (f"Bench company {n % COMPANIES}" if n % 2 else
                       f"Bench old name {n % COMPANIES}")
            replied = n % 3 != 0
            writer.writerow([
                f"AL OTH {n % HALF + 1}/{sent.year}", "AL", company,
                f"Bench mandate {n % MANDATES}", sent.isoformat(), "en",
                f"Bench letter {n}", "Alleged harms, for the benchmark.",
                "final" if replied else "",
                (sent + dt.timedelta(days=30)).isoformat() if replied else "",
                "The company's reply." if replied else ""])


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    from btech.embedded import embedded_services

    with embedded_services(DATA_DIR):
        _setup_django()
        from django.core.management import call_command
        from django.db import connection

        from btech.office_time import office_today
        from engagements.models import Communication
        from imports.documents import Documents
        from imports.reading import read_letters
        from imports.services import letters_import

        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Communication._meta.db_table} CASCADE")
        _reference_data()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "letters.csv"
            _write_file(path, office_today())
            started = time.perf_counter()
            letters = read_letters(path)
            read = time.perf_counter() - started
            if os.environ.get("BENCH_PROFILE"):
                import cProfile
                import pstats

                profile = cProfile.Profile()
                report = profile.runcall(letters_import, letters=letters,
                                         documents=Documents(), imported_by=None)
                pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
            else:
                report = letters_import(letters=letters, documents=Documents(),
                                        imported_by=None)
            seconds = time.perf_counter() - started
            again_started = time.perf_counter()
            again = letters_import(letters=letters, documents=Documents(), imported_by=None)
            again_seconds = time.perf_counter() - again_started
    for error in report.errors[:10]:
        print(f"refused: {error}")
    print(f"read {ROWS:,} rows in {read:.2f}s")
    print(f"imported: {report.summary()} ({report.replies:,} replies) in {seconds:.1f}s, "
          f"{ROWS / seconds:,.0f} letters/s")
    print(f"again: {again.summary()} in {again_seconds:.2f}s")
    ok = report.committed and len(report.created) == ROWS and not report.errors
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
