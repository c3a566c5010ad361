"""Benchmark: one reminder planning pass over 1,000,000 letters vs over 10,000.

    make bench-reminders

Uses its own embedded PostgreSQL under .data/bench-reminders, loaded with COPY (about
half a minute for the million). The same 10,000 letters have a reminder step due today in
both cases:

- small: a table of just those 10,000 letters;
- large: 1,000,000 letters, of which 900,000 have their final reply, 90,000 await a
  reply with their next step in the future, and the 10,000 are due now.

A pass is what beat runs every few minutes without the queueing: find the letters due,
decide each one's step and recipients, write the outbox rows, move next_reminder_on.
Each case is timed three times (the outbox emptied and the letters reset in between)
and the best is kept. Targets: large/small <= 2, large < 2 s, peak memory < 200 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data" / "bench-reminders"
TOTAL = 1_000_000
AWAITING = 100_000
DUE_NOW = 10_000
COMPANIES = 1_000
RUNS = 3


def _setup_django() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "btech.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["BTECH_DATA_DIR"] = str(DATA_DIR)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Loading a million letters takes longer than a request may.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
    import django

    django.setup()


def _copy_letters(start: int, stop: int, today: dt.date) -> None:
    """Letters with ids [start, stop): the first DUE_NOW are due now, the next ones await a
    reply with a future step, the rest have their final reply."""
    from django.db import connection

    from engagements.models import Communication

    rng = random.Random(start)
    now = dt.datetime.now(dt.UTC)
    columns = ["id", "reference", "letter_type", "company_id", "addressed_to", "sent_on",
               "language", "subject", "summary", "letter", "assignee_id", "extension_reason",
               "due_on", "public_on", "final_reply_on", "next_reminder_on", "created_at",
               "updated_at"]
    # Steps that fall today for a letter sent this many days ago (60-day window).
    due_now_ages = [30, 46, 53, 58, 60, 61, 68, 75]
    sql = (f"COPY {Communication._meta.db_table} ({', '.join(columns)}) FROM STDIN")
    with connection.cursor() as cursor:
        # Triggers (the history) and foreign-key checks off for the bulk load only.
        cursor.execute("SET session_replication_role = replica")
        with cursor.cursor.copy(sql) as copy:
            for pk in range(start, stop):
                company = pk % COMPANIES + 1
                if pk <= DUE_NOW:
                    sent = today - dt.timedelta(days=due_now_ages[pk % len(due_now_ages)])
                    final, next_on = None, today
                elif pk <= AWAITING:
                    # Between steps: sent 31..45 days ago, next step 14 days before due.
                    sent = today - dt.timedelta(days=rng.randint(31, 45))
                    final, next_on = None, sent + dt.timedelta(days=46)
                else:
                    sent = today - dt.timedelta(days=rng.randint(70, 3000))
                    final, next_on = sent + dt.timedelta(days=rng.randint(5, 80)), None
                due = sent + dt.timedelta(days=60)
                copy.write_row((
                    pk, f"AL OTH {pk}/{sent.year}", "AL", company, f"Company {company}", sent,
                    "en", f"Letter {pk}", "", "", 2 * COMPANIES + company, "", due, due,
                    final, next_on, now, now,
                ))
        cursor.execute("SET session_replication_role = origin")


def _load(today: dt.date, count: int) -> None:
    from django.db import connection

    from companies.models import Company, Contact, ContactRole
    from engagements.models import Communication

    have = Communication.objects.count()
    if have == count:
        return
    print(f"loading {count:,} letters with COPY...", flush=True)
    started = time.perf_counter()
    if not Company.objects.exists():
        Company.objects.bulk_create(
            [Company(pk=i, name=f"Company {i}") for i in range(1, COMPANIES + 1)])
        contacts = []
        for offset, role in enumerate([ContactRole.HUMAN_RIGHTS_LEAD,
                                       ContactRole.SENIOR_EXECUTIVE, ContactRole.ISSUE_OWNER]):
            contacts += [Contact(pk=offset * COMPANIES + i, company_id=i, role=role,
                                 name=f"{role} {i}", email=f"{role}{i}@company{i}.example")
                         for i in range(1, COMPANIES + 1)]
        Contact.objects.bulk_create(contacts)
    _copy_letters(have + 1, count + 1, today)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Communication._meta.db_table}")
    print(f"  loaded in {time.perf_counter() - started:.1f}s", flush=True)


def _reset(today: dt.date) -> None:
    from django.db import connection

    from engagements.models import Communication
    from reminders.models import Reminder

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Reminder._meta.db_table}")
        cursor.execute(f"UPDATE {Communication._meta.db_table} SET next_reminder_on = %s "
                       f"WHERE id <= %s", [today, DUE_NOW])
        cursor.execute(f"VACUUM ANALYZE {Communication._meta.db_table}")
        cursor.execute(f"ANALYZE {Reminder._meta.db_table}")


def _time_pass(today: dt.date) -> tuple[float, int, int, float]:
    """Best of RUNS: seconds, letters, reminders written; then one more run under
    tracemalloc (which slows Python down, so it is not timed) for the peak memory (MB)."""
    from reminders import planner

    best = None
    for _ in range(RUNS):
        _reset(today)
        started = time.perf_counter()
        result = planner.plan_pass(today=today, enqueue=False)
        seconds = time.perf_counter() - started
        assert result.letters == DUE_NOW, result.letters
        if best is None or seconds < best[0]:
            best = (seconds, result.letters, len(result.reminder_ids))
    assert best is not None
    _reset(today)
    tracemalloc.start()
    planner.plan_pass(today=today, enqueue=False)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return (*best, peak)


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    from btech.embedded import embedded_services

    with embedded_services(DATA_DIR):
        _setup_django()
        from django.core.management import call_command

        from btech.office_time import office_today
        from engagements.models import Communication

        call_command("migrate", verbosity=0)
        today = office_today()
        if Communication.objects.count() > DUE_NOW:
            # A previous run left the large table: start the small case from scratch.
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {Communication._meta.db_table} CASCADE")
        _load(today, DUE_NOW)
        small = _time_pass(today)
        _load(today, TOTAL)
        large = _time_pass(today)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"small: {DUE_NOW:>9,} letters, {small[1]:,} due -> {small[2]:,} reminders in "
          f"{small[0]:.3f}s (peak Python memory {small[3]:.1f} MB)")
    print(f"large: {TOTAL:>9,} letters, {large[1]:,} due -> {large[2]:,} reminders in "
          f"{large[0]:.3f}s (peak Python memory {large[3]:.1f} MB)")
    ratio = large[0] / small[0]
    print(f"ratio large/small: {ratio:.2f}  (target <= 2)")
    print(f"process peak RSS: {rss_mb:.0f} MB (target < 200 MB)")
    ok = ratio <= 2 and large[0] < 2 and rss_mb < 200
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
