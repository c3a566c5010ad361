"""Benchmark of the REST API's hot lists against a floor. Not a test: `make bench-api`.

1. Starts (or reuses) an embedded PostgreSQL and Redis under .data/bench/.
2. Loads 100,000 letters once (bulk inserts, history triggers off during the load).
3. Starts gunicorn with 2 sync workers on a free loopback port, serving bench/floor_wsgi.py.
4. From separate client processes, sends requests for a fixed time to
   /floor/ (a plain Django view running one raw SQL query through json.dumps, defined
   only here), /api/v1/deadlines/?page_size=50 and /api/v1/communications/?page_size=50
   (the last two with a staff token: the widest scope), in rounds, and prints requests
   per second, p50 and p99 latency, and each endpoint's ratio to the floor. Two more,
   informational endpoint (one mandate) shows the fixed cost of any API request.

Target: each API endpoint reaches at least 50% of the floor's requests per second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
LETTERS = 100_000
# Geneva's date, as the office calendar has it (btech/office_time.py).
TODAY = dt.datetime.now(ZoneInfo("Europe/Zurich")).date()

ENDPOINTS = {
    "floor": "/floor/",
    # For context only: the same rows with no framework at all (bench/floor_wsgi.py).
    "floor-raw": "/floor-raw/",
    "deadlines": "/api/v1/deadlines/?page_size=50",
    "communications": "/api/v1/communications/?page_size=50",
    # For context only (no target): the cheapest authenticated API page there is, one
    # row of a 12-row table, i.e. the fixed cost of a Django + DRF + token request.
    "baseline": "/api/v1/mandates/?page_size=1",
}


# --- data -----------------------------------------------------------------------------

def _load(letters: int) -> str:
    """Make sure the database holds `letters` letters; return a staff user's token."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from engagements.models import Communication

    call_command("migrate", verbosity=0)
    staff, _ = User.objects.get_or_create(username="bench-staff",
                                          defaults={"is_staff": True})
    token, _ = Token.objects.get_or_create(user=staff)
    have = Communication.objects.count()
    if have >= letters:
        print(f"data: {have:,} letters already loaded")
        return token.key
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # The history triggers (pghistory) and FK triggers would triple the load time;
        # the rows are generated consistent, so the load runs without them.
        cursor.execute("SET LOCAL session_replication_role = replica")
        _insert(letters - have, have)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics and visibility map, as in production
    print(f"data: loaded {letters - have:,} letters in {time.perf_counter() - started:.1f}s")
    return token.key


def _insert(count: int, offset: int) -> None:
    from django.db.models import Model

    from companies.models import Company, Contact
    from engagements import deadlines
    from engagements.models import Communication, Response
    from mandates.models import Mandate

    rng = random.Random(2024 + offset)
    names = ["Apple", "Cisco", "Cloudflare", "Ericsson", "Meta", "Google",
             "Hewlett Packard Enterprise", "Microsoft", "Salesforce", "X", "Verizon",
             "Vodafone", "Telegram", "Amazon", "TikTok", "Samsung"]
    companies = [Company.objects.get_or_create(name=name, defaults={"is_btech_member": True})[0]
                 for name in names]
    contacts = {c.pk: Contact.objects.get_or_create(
        company=c, email=f"owner@{c.pk}.example",
        defaults={"name": f"Issue owner at {c.name}", "role": "issue_owner"})[0]
        for c in companies}
    mandates = [Mandate.objects.get_or_create(
        short_name=f"SR bench {n}",
        defaults={"title": f"Special Rapporteur on bench topic {n}", "kind": "thematic",
                  "mandate_type": "SR"})[0] for n in range(12)]
    Through = Communication.mandates.through
    # References must be unique: TYPE OTH N/YEAR, N up to 9999 per type and year.
    used = set(Communication.objects.values_list("reference", flat=True))
    batch: list[Communication] = []
    links: list[Model] = []  # rows of the letter-mandate table
    replies: list[Response] = []
    start_day = TODAY - dt.timedelta(days=365 * 12)
    span = (TODAY - start_day).days
    for _ in range(count):
        sent_on = start_day + dt.timedelta(days=rng.randrange(span))
        letter_type = rng.choice("AL AL AL UA UA OL".split())
        while True:
            reference = f"{letter_type} OTH {rng.randrange(1, 10000)}/{sent_on.year}"
            if reference not in used:
                used.add(reference)
                break
        company = rng.choice(companies)
        due_on = deadlines.due_date(sent_on)
        # About half the letters are answered, most of them on time (as in reality).
        answered = due_on < TODAY + dt.timedelta(days=30) and rng.random() < 0.5
        final_on = min(sent_on + dt.timedelta(days=rng.randrange(5, 90)), TODAY) \
            if answered else None
        batch.append(Communication(
            reference=reference, letter_type=letter_type, company=company,
            addressed_to=company.name, sent_on=sent_on, subject=f"Letter about case {reference}",
            summary="Alleged restrictions of content and arrests of users.",
            assignee_id=contacts[company.pk].pk if rng.random() < 0.5 else None,
            due_on=due_on, public_on=deadlines.public_date(sent_on), final_reply_on=final_on,
        ))
        if len(batch) == 5000:
            _flush(batch, links, replies, mandates, rng, Through, Response)
    _flush(batch, links, replies, mandates, rng, Through, Response)


def _flush(batch, links, replies, mandates, rng, through, response_model) -> None:
    from engagements.models import Communication

    if not batch:
        return
    created = Communication.objects.bulk_create(batch)
    for letter in created:
        for mandate in rng.sample(mandates, rng.choice([1, 1, 1, 2, 3])):
            links.append(through(communication_id=letter.pk, mandate_id=mandate.pk))
        if letter.final_reply_on:
            replies.append(response_model(communication_id=letter.pk, kind="final",
                                          received_on=letter.final_reply_on, body="Our reply."))
    through.objects.bulk_create(links)
    response_model.objects.bulk_create(replies)
    batch.clear()
    links.clear()
    replies.clear()


# --- load generation ------------------------------------------------------------------

def _client(port: int, path: str, token: str, seconds: float,
            queue: multiprocessing.Queue) -> None:
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds
    while time.perf_counter() < stop_at:
        started = time.perf_counter()
        # gunicorn's sync workers close the connection after each response.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        answer.read()
        connection.close()
        if answer.status != 200:
            errors += 1
        latencies.append(time.perf_counter() - started)
    queue.put((latencies, errors))


def _measure(port: int, path: str, token: str, seconds: float,
             clients: int) -> dict[str, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_client,
                                         args=(port, path, token, seconds, queue))
                 for _ in range(clients)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for result in results for latency in result[0])
    errors = sum(result[1] for result in results)
    if errors:
        raise SystemExit(f"{path}: {errors} answers were not 200")
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, token: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", ENDPOINTS["deadlines"],
                               headers={"Authorization": f"Token {token}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 seconds")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=LETTERS)
    parser.add_argument("--seconds", type=float, default=8.0, help="per endpoint and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    args = parser.parse_args()

    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    # Production settings: DEBUG off (it would record every query), no TLS redirect on
    # loopback, a throwaway secret key.
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "btech.settings", "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false", "BTECH_DATA_DIR": str(BASE_DIR / ".data" / "bench"),
        "LOG_LEVEL": "WARNING",
        # Loading 100,000 letters takes longer than a request may.
        "DATABASE_STATEMENT_TIMEOUT": "0",
    })
    from btech.embedded import embedded_services

    with embedded_services(Path(".data/bench")):
        token = _load(args.letters)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "bench.floor_wsgi:application",
             "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=BASE_DIR,
        )
        try:
            _wait_for(port, token)
            for path in ENDPOINTS.values():  # warm up every worker and connection
                _measure(port, path, token, 1.0, 2)
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in ENDPOINTS}
            for _ in range(args.rounds):
                for name, path in ENDPOINTS.items():
                    runs[name].append(_measure(port, path, token, args.seconds, args.clients))
        finally:
            server.terminate()
            server.wait(timeout=30)

    _report(runs, args)
    return 0


def _report(runs: dict[str, list[dict[str, float]]], args: argparse.Namespace) -> None:
    def mean(name: str, key: str) -> float:
        return statistics.mean(run[key] for run in runs[name])

    floor_rps = mean("floor", "rps")
    floor_p50 = mean("floor", "p50")
    print(f"\n{args.letters:,} letters, gunicorn 2 sync workers, {args.clients} client "
          f"processes, {args.rounds} rounds x {args.seconds:.0f}s per endpoint\n")
    print(f"{'endpoint':<58}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'vs floor':>10}")
    for name, path in ENDPOINTS.items():
        ratio = mean(name, "rps") / floor_rps
        print(f"{path:<58}{mean(name, 'rps'):>8.0f}{mean(name, 'p50'):>9.1f}"
              f"{mean(name, 'p99'):>9.1f}{ratio:>9.0%}")
    below = [n for n in ("deadlines", "communications") if mean(n, "rps") < 0.5 * floor_rps]
    print("\ntarget (each API list >= 50% of the floor's req/s):",
          "met" if not below else f"NOT met for {', '.join(below)}")
    print(f"the cheapest API page reaches {mean('baseline', 'rps') / floor_rps:.0%} of the "
          f"floor: a p50 gap of {mean('baseline', 'p50') - floor_p50:.1f} ms before any work")


if __name__ == "__main__":
    sys.exit(main())
