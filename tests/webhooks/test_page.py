"""The webhooks page: a lead registers their company's endpoint and sees its secret once;
another company's endpoints are out of reach."""

from __future__ import annotations

import pytest

from tests import factories
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


def test_a_lead_registers_an_endpoint_and_sees_its_secret_once(lead_a_client, company_a):
    page = lead_a_client.get("/webhooks/")
    assert page.status_code == 200 and "No endpoint yet." in page.content.decode()

    answer = lead_a_client.post("/webhooks/", {"url": "https://grc.meta.example/hooks",
                                               "events": ["letter.created",
                                                          "letter.overdue"]})
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.company, endpoint.events) == (company_a,
                                                   ["letter.created", "letter.overdue"])
    assert endpoint.secret in answer.content.decode()
    assert endpoint.secret not in lead_a_client.get("/webhooks/").content.decode()

    lead_a_client.post(f"/webhooks/{endpoint.pk}/switch/")
    endpoint.refresh_from_db()
    assert endpoint.is_active is False


def test_a_bad_url_is_named_in_the_error_summary(lead_a_client):
    answer = lead_a_client.post("/webhooks/", {"url": "http://grc.meta.example/hooks",
                                               "events": ["letter.created"]})
    text = answer.content.decode()
    assert answer.status_code == 400
    assert 'class="error-summary"' in text and 'href="#id_url"' in text
    assert not WebhookEndpoint.objects.exists()


def test_another_companys_endpoint_is_out_of_reach(lead_a_client, company_b):
    theirs = factories.webhook_endpoint(company=company_b, url="https://google.example/h")
    assert "google.example" not in lead_a_client.get("/webhooks/").content.decode()
    for action in ("switch", "rotate", "remove"):
        assert lead_a_client.post(f"/webhooks/{theirs.pk}/{action}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_visitors_are_sent_to_sign_in(anonymous_client):
    answer = anonymous_client.get("/webhooks/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
