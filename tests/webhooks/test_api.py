"""/api/v1/webhooks/: who may register what, the secret shown once, bad input named."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import token_client
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/"


@pytest.fixture
def lead_a_api(lead_a):
    return token_client(lead_a)


@pytest.fixture
def staff_api(staff):
    return token_client(staff)


def test_a_lead_registers_an_endpoint_for_their_company_and_sees_the_secret_once(
        lead_a_api, company_a):
    answer = lead_a_api.post(URL, {"url": "https://grc.meta.example/hooks",
                                   "events": ["letter.created", "letter.due_soon"]},
                             format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["company"] == company_a.pk and body["is_active"] is True
    assert body["secret"].startswith("whsec_")
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret == body["secret"]

    again = lead_a_api.get(f"{URL}{endpoint.pk}/").json()
    assert again["secret"] is None and again["url"] == "https://grc.meta.example/hooks"

    rotated = lead_a_api.post(f"{URL}{endpoint.pk}/rotate-secret/").json()
    assert rotated["secret"] not in (None, body["secret"])
    endpoint.refresh_from_db()
    assert endpoint.secret == rotated["secret"]


def test_another_companys_endpoint_is_a_404(lead_a_api, company_b):
    theirs = factories.webhook_endpoint(company=company_b, url="https://google.example/h")
    ohchr = factories.webhook_endpoint(company=None, url="https://archive.ohchr.example/h")
    assert lead_a_api.get(URL).json() == []
    for pk in (theirs.pk, ohchr.pk):
        assert lead_a_api.get(f"{URL}{pk}/").status_code == 404
        assert lead_a_api.patch(f"{URL}{pk}/", {"is_active": False},
                                format="json").status_code == 404
        assert lead_a_api.delete(f"{URL}{pk}/").status_code == 404
        assert lead_a_api.post(f"{URL}{pk}/rotate-secret/").status_code == 404
    assert WebhookEndpoint.objects.filter(is_active=True).count() == 2


def test_a_lead_cannot_register_for_another_company(lead_a_api, company_b):
    answer = lead_a_api.post(URL, {"url": "https://x.example/h", "company": company_b.pk,
                                   "events": ["letter.created"]}, format="json")
    missing = lead_a_api.post(URL, {"url": "https://x.example/h", "company": 99999,
                                    "events": ["letter.created"]}, format="json")
    assert answer.status_code == 400 and "company" in answer.json()
    assert missing.status_code == 400 and "company" in missing.json()
    assert not WebhookEndpoint.objects.exists()


def test_staff_register_for_ohchr_or_any_company(staff_api, company_b):
    ours = staff_api.post(URL, {"url": "https://archive.ohchr.example/h",
                                "events": ["letter.published"]}, format="json")
    theirs = staff_api.post(URL, {"url": "https://google.example/h", "company": company_b.pk,
                                  "events": ["letter.overdue"]}, format="json")
    assert (ours.status_code, ours.json()["company"]) == (201, None)
    assert (theirs.status_code, theirs.json()["company"]) == (201, company_b.pk)
    assert len(staff_api.get(URL).json()) == 2


@pytest.mark.parametrize(("sent", "field"), [
    ({"url": "http://grc.meta.example/hooks", "events": ["letter.created"]}, "url"),
    ({"url": "ftp://grc.meta.example/hooks", "events": ["letter.created"]}, "url"),
    ({"url": "https://10.1.2.3/hooks", "events": ["letter.created"]}, "url"),
    ({"url": "https://169.254.169.254/latest", "events": ["letter.created"]}, "url"),
    ({"url": "https://user:pw@grc.meta.example/", "events": ["letter.created"]}, "url"),
    ({"url": "not a url", "events": ["letter.created"]}, "url"),
    ({"url": "https://grc.meta.example/hooks", "events": ["letter.exploded"]}, "events"),
    ({"url": "https://grc.meta.example/hooks", "events": []}, "events"),
    ({"url": "https://grc.meta.example/hooks", "events": "letter.created"}, "events"),
    ({"url": "https://grc.meta.example/hooks"}, "events"),
])
def test_bad_input_is_a_400_naming_the_field(lead_a_api, settings, sent, field):
    settings.BTECH_WEBHOOK_ALLOWED_NETWORKS = []
    answer = lead_a_api.post(URL, sent, format="json")
    assert answer.status_code == 400
    assert field in answer.json(), answer.json()
    assert not WebhookEndpoint.objects.exists()


def test_plain_http_is_refused_for_loopback_too_when_not_in_development(lead_a_api,
                                                                        settings):
    settings.BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK = False
    answer = lead_a_api.post(URL, {"url": "http://127.0.0.1:9/h", "events": ["letter.created"]},
                             format="json")
    assert answer.status_code == 400 and "https://" in answer.json()["url"][0]


def test_an_unknown_event_is_named_in_the_message(lead_a_api):
    answer = lead_a_api.post(URL, {"url": "https://grc.meta.example/hooks",
                                   "events": ["letter.created", "letter.exploded"]},
                             format="json")
    assert "letter.exploded" in answer.json()["events"][0]


def test_an_endpoint_is_switched_off_and_changed(lead_a_api, company_a):
    endpoint = factories.webhook_endpoint(company=company_a, url="https://grc.meta.example/h")
    answer = lead_a_api.patch(f"{URL}{endpoint.pk}/",
                              {"is_active": False, "events": ["letter.overdue"]},
                              format="json")
    assert answer.status_code == 200, answer.json()
    endpoint.refresh_from_db()
    assert (endpoint.is_active, endpoint.events) == (False, ["letter.overdue"])
    moved = lead_a_api.patch(f"{URL}{endpoint.pk}/", {"url": "http://grc.meta.example/h"},
                             format="json")
    assert moved.status_code == 400 and "url" in moved.json()


def test_a_visitor_and_a_user_of_no_company_may_not(company_a):
    from rest_framework.test import APIClient

    assert APIClient().get(URL).status_code in (401, 403)
    nobody = factories.UserFactory(username="nobody")
    assert token_client(nobody).get(URL).status_code == 403


def test_the_deliveries_of_an_endpoint_are_listed(lead_a_api, company_a):
    from django.utils import timezone

    from engagements import services as letters

    endpoint = factories.webhook_endpoint(company=company_a, url="https://grc.meta.example/h")
    letters.communication_create(
        reference=f"AL OTH 5/{timezone.now().year}", letter_type="AL",
        mandates=[factories.MandateFactory()], company=company_a,
        sent_on=timezone.localdate(), subject="Content restrictions")
    rows = lead_a_api.get(f"{URL}{endpoint.pk}/deliveries/").json()
    assert [(r["event_type"], r["state"]) for r in rows] == [("letter.created", "pending")]
