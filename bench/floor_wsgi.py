"""The benchmark's server: the Django application plus two floor endpoints, one process.

Both floors return the same 50 rows as the first page of /api/v1/deadlines/, from one raw
SQL query through json.dumps:

- GET /floor/ is a plain Django view (bench/floor_urls.py): it passes through the same
  server, middleware and database connection handling as every request to this site,
  without DRF, the ORM or serializers. The target is measured against it.
- GET /floor-raw/ is a bare WSGI function with no framework at all, shown for context:
  the gap between the two floors is what any Django request costs here.

Everything else goes to the Django application, so all run in the same gunicorn
workers, on the same database, in the same run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

import psycopg
from django.conf import settings

from btech.wsgi import application as django_application

# The site's URLs plus /floor/; defined only for the benchmark.
settings.ROOT_URLCONF = "bench.floor_urls"

FLOOR_SQL = """
    SELECT c.id, c.reference, c.company_id, co.name, c.due_on
    FROM engagements_communication c
    JOIN companies_company co ON co.id = c.company_id
    WHERE c.final_reply_on IS NULL
    ORDER BY c.due_on, c.reference
    LIMIT 50
"""

_connection: psycopg.Connection[Any] | None = None


def _cursor() -> psycopg.Cursor[Any]:
    # One connection per worker, opened after gunicorn forks (a socket must not be shared).
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection.cursor()


def floor_rows(cursor: Any) -> list[dict[str, Any]]:
    cursor.execute(FLOOR_SQL)
    return [{"id": id_, "reference": reference, "company": company,
             "company_name": company_name, "due_on": due_on.isoformat()}
            for id_, reference, company, company_name, due_on in cursor.fetchall()]


def floor_raw(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    with _cursor() as cursor:
        rows = floor_rows(cursor)
    body = json.dumps({"results": rows}).encode()
    start_response("200 OK", [("Content-Type", "application/json"),
                              ("Content-Length", str(len(body)))])
    return [body]


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == "/floor-raw/":
        return floor_raw(environ, start_response)
    return django_application(environ, start_response)
