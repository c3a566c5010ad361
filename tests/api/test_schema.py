"""The OpenAPI schema is valid, documented offline, and every answer matches it.

Schemathesis generates requests from /api/v1/schema/ and sends them, with a staff token,
straight to the WSGI application: no server error, and every status code, content type
and body must be what the schema says.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from tests import factories

pytestmark = pytest.mark.django_db

# About 15 generated requests per operation, some 25 operations: a few hundred in all.
EXAMPLES_PER_OPERATION = 15


def test_the_schema_is_openapi_3_json(anonymous_api):
    answer = anonymous_api.get("/api/v1/schema/?format=json")

    assert answer.status_code == 200
    schema = answer.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/communications/{id}/responses/" in schema["paths"]
    letter = schema["components"]["schemas"]["Communication"]["properties"]
    for field in ("reference", "mandate_names", "company_name", "days_remaining",
                  "deadline_status", "responses", "is_public"):
        assert field in letter


def test_the_schema_validates_against_the_openapi_specification_without_warnings(tmp_path):
    from django.core.management import call_command

    # --validate checks the document against the OpenAPI 3 meta-schema; --fail-on-warn
    # turns any guess drf-spectacular had to make (an untyped field...) into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn",
                 "--file", str(tmp_path / "schema.yml"))


def test_the_interactive_docs_load_everything_from_this_server(anonymous_api, settings):
    from django.contrib.staticfiles import finders

    answer = anonymous_api.get("/api/v1/docs/", HTTP_ACCEPT="text/html")
    assert answer.status_code == 200
    page = answer.content.decode()
    # The start-up script is a file too (docs/?script), for the Content-Security-Policy.
    start_up = anonymous_api.get("/api/v1/docs/?script=").content.decode()
    assert "SwaggerUIBundle" in start_up and "/api/v1/schema/" in start_up
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    sources.remove("/api/v1/docs/?script=")
    assert sources and all(source.startswith(settings.STATIC_URL) for source in sources)
    for source in sources:  # Swagger UI's scripts and styles are this site's static files
        assert finders.find(source.removeprefix(settings.STATIC_URL)), source


def test_the_reference_page_works_without_any_script(anonymous_api):
    answer = anonymous_api.get("/api/v1/docs/reference/")

    assert answer.status_code == 200
    page = answer.content.decode()
    assert "/api/v1/communications/{id}/extension/" in page
    assert "<script" not in page and "cdn" not in page.lower()


@pytest.fixture
def seeded(company_a, company_b, issue_owner_a, letter_a, letter_b):
    """Real rows for generated ids to hit, next to the random ids that miss."""
    published = factories.CommunicationFactory(company=company_b, sent_on=dt.date(2023, 10, 2))
    factories.ResponseFactory(communication=published, received_on=dt.date(2023, 10, 20))
    factories.MandateHolderFactory(mandate=letter_a.mandates.first(),
                                   term_start=dt.date(2023, 1, 1), term_end=dt.date(2025, 1, 1))
    factories.FormerNameFactory(company=company_a, name="Facebook")
    return [letter_a.pk, letter_b.pk, published.pk, issue_owner_a.pk, company_a.pk]


@pytest.fixture
def _one_connection_per_test():
    # Django closes the database connection at the end of every request; inside the
    # test's transaction that would close it under our feet. Django's own test client
    # disconnects the same handlers for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded when the module is collected: generating the schema reads no database.
# (schemathesis.pytest.from_fixture would load it lazily, but does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


@pytest.fixture
def staff_token(staff) -> str:
    return Token.objects.get_or_create(user=staff)[0].key


_turn = itertools.count()

# Two checks judge validation rather than robustness, and our rules differ by design:
# a request can match the schema and still break a business rule (a reference in the
# wrong format, a date in the future, an id that does not exist) and is then a 400;
# and pagination is lenient (?page_size=null falls back to the default page size).
BY_DESIGN = [positive_data_acceptance, negative_data_rejection]


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_generated_request_breaks_the_api_or_its_schema(case, staff_token, seeded,
                                                           _one_connection_per_test):
    # Every other request that names an object names one that exists, so that the
    # happy paths are exercised too, not only the 404s of random ids.
    if case.path_parameters and "id" in case.path_parameters and next(_turn) % 2:
        case.path_parameters["id"] = seeded[next(_turn) % len(seeded)]
    case.call_and_validate(headers={"Authorization": f"Token {staff_token}"},
                           excluded_checks=BY_DESIGN)
