"""The admin's letters list on 100,000 letters: ours against Django's default paginator.

    make bench-admin

Prints the median time and the SQL query count of a few list pages as OHCHR staff use
them, with our paginator (planner estimate when unfiltered) and with Django's default
(a full COUNT on every page view) as the baseline, in the same run on the same data.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

LETTERS = int(os.environ.get("BENCH_LETTERS", "100000"))
ROUNDS = 15
PAGES = {
    "unfiltered": "",
    "overdue": "?status=overdue",
    "company + year": "?company__id__exact={company}&year={year}",
    "search": "?q=case+42",
}


def main() -> None:
    from btech.embedded import embedded_services

    with embedded_services(Path(".data/bench-admin")):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "btech.settings")
        os.environ.setdefault("DEBUG", "true")
        # Loading 100,000 letters takes longer than a request may.
        os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run()


def run() -> None:
    from django.core.paginator import Paginator
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from accounts.models import User
    from bench.dataset import load_letters
    from btech.office_time import office_today
    from companies.models import Company
    from engagements.admin import CommunicationAdmin

    started = time.perf_counter()
    load_letters(LETTERS)
    print(f"{LETTERS:,} letters ready in {time.perf_counter() - started:.1f} s")
    staff, _ = User.objects.get_or_create(username="bench-staff",
                                          defaults={"is_staff": True, "is_superuser": True})
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    company = Company.objects.filter(name__startswith="Bench").first()
    assert company is not None, "load_letters() makes the Bench companies"
    base = "/admin/engagements/communication/"

    def measure(url: str) -> tuple[float, int]:
        client.get(url)  # warm up
        timings = []
        with override_settings(DEBUG=True):
            for _ in range(ROUNDS):
                reset_queries()
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
                assert response.status_code == 200, response.status_code
            queries = len(connection.queries)
        return statistics.median(timings) * 1000, queries

    print(f"{'page':<16}{'ours ms':>10}{'queries':>9}{'default ms':>12}{'queries':>9}"
          f"{'speed-up':>10}")
    for name, query in PAGES.items():
        url = base + query.format(company=company.pk, year=office_today().year - 3)
        ours = measure(url)
        with mock.patch.object(CommunicationAdmin, "paginator", Paginator), \
                mock.patch.object(CommunicationAdmin, "show_full_result_count", True):
            default = measure(url)
        print(f"{name:<16}{ours[0]:>10.1f}{ours[1]:>9}{default[0]:>12.1f}{default[1]:>9}"
              f"{default[0] / ours[0]:>9.2f}x")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
