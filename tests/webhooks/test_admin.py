"""Staff register endpoints in the admin through the service, and see the secret once."""

from __future__ import annotations

import pytest

from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


def test_staff_register_an_endpoint_for_ohchr_in_the_admin(staff_client):
    answer = staff_client.post("/admin/webhooks/webhookendpoint/add/", {
        "url": "https://archive.ohchr.example/hooks", "events": ["letter.published"],
        "description": "The archive", "is_active": "on"}, follow=True)
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.company is None and endpoint.events == ["letter.published"]
    assert endpoint.secret in answer.content.decode()  # shown this once
    page = staff_client.get(f"/admin/webhooks/webhookendpoint/{endpoint.pk}/change/")
    assert page.status_code == 200 and endpoint.secret not in page.content.decode()
    assert staff_client.get("/admin/webhooks/webhookendpoint/").status_code == 200
    assert staff_client.get("/admin/webhooks/webhookdelivery/").status_code == 200


def test_a_private_address_is_refused_in_the_admin_form(staff_client, settings):
    settings.BTECH_WEBHOOK_ALLOWED_NETWORKS = []
    answer = staff_client.post("/admin/webhooks/webhookendpoint/add/", {
        "url": "https://192.168.1.10/hooks", "events": ["letter.created"],
        "is_active": "on"})
    assert answer.status_code == 200
    assert "private" in answer.content.decode()
    assert not WebhookEndpoint.objects.exists()
