"""Large synthetic data sets for benchmarks, loaded with COPY.

Letters are spread over the last 20 years across 50 companies and 40 mandates; every
letter older than its due date has a final reply on most of them, the way real data looks.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection

from btech.office_time import office_today


def load_letters(count: int, *, seed: int = 7, awaiting_share: float = 0.1) -> None:
    """Insert `count` letters (and their mandate links) unless the table already has them."""
    from companies.models import Company
    from engagements.models import Communication
    from mandates.models import Mandate

    if Communication.objects.count() >= count:
        return
    rng = random.Random(seed)
    companies = [Company.objects.get_or_create(name=f"Bench company {n}")[0].pk
                 for n in range(50)]
    mandates = [Mandate.objects.get_or_create(
        short_name=f"Bench mandate {n}",
        defaults=dict(title=f"Bench mandate {n}", kind="thematic", mandate_type="SR"))[0].pk
        for n in range(40)]
    today = office_today()
    now = dt.datetime.now(dt.UTC).isoformat()
    with connection.cursor() as cursor:
        # Benchmarks measure reads: skip the history triggers while bulk loading.
        cursor.execute("SET session_replication_role = replica")
        columns = ("reference, letter_type, company_id, addressed_to, sent_on, language, "
                   "subject, summary, letter, extension_reason, due_on, public_on, "
                   "final_reply_on, created_at, updated_at")
        with cursor.connection.cursor().copy(
                f"COPY engagements_communication ({columns}) FROM STDIN") as copy:
            for n in range(count):
                awaiting = rng.random() < awaiting_share
                age = rng.randrange(0, 75) if awaiting else rng.randrange(61, 7300)
                sent_on = today - dt.timedelta(days=age)
                due_on = sent_on + dt.timedelta(days=60)
                final = None
                if not awaiting and rng.random() < 0.8:
                    final = sent_on + dt.timedelta(days=rng.randrange(5, 90))
                    final = min(final, today)
                kind = rng.choice(("AL", "UA", "OL"))
                copy.write_row((
                    f"{kind} OTH {n + 1}/{sent_on.year}", kind, rng.choice(companies),
                    "Bench company", sent_on, "en", f"Bench letter {n} about case {n % 977}",
                    "", "", "", due_on, due_on, final, now, now))
        cursor.execute("SET session_replication_role = DEFAULT")
        # One or two mandates per letter.
        cursor.execute(
            """INSERT INTO engagements_communication_mandates (communication_id, mandate_id)
               SELECT c.id, (%s::bigint[])[1 + (c.id %% %s)] FROM engagements_communication c
               UNION
               SELECT c.id, (%s::bigint[])[1 + ((c.id * 7) %% %s)]
               FROM engagements_communication c WHERE c.id %% 3 = 0""",
            [mandates, len(mandates), mandates, len(mandates)],
        )
        cursor.execute("ANALYZE")
