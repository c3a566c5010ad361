"""The rules webhooks share with the rest: the visibility rule in both its forms, list
query counts, and the TLS path of a request."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.visibility import owner_scope, owners_seeing, scope_includes
from engagements import services as letters
from reminders import services as outbox
from tests import factories
from tests.api.conftest import token_client
from tests.webhooks.receiver import Receiver, verify
from webhooks import sending
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def test_the_query_and_the_rule_in_hand_agree_on_who_hears_of_what(company_a, company_b):
    endpoints = [factories.webhook_endpoint(company=owner, url=f"https://{n}.example/h")
                 for n, owner in enumerate([company_a, company_b, None])]
    for company_id in (company_a.pk, company_b.pk, None):
        by_query = set(WebhookEndpoint.objects.filter(owners_seeing(company_id)))
        in_hand = {e for e in endpoints if scope_includes(owner_scope(e.company_id),
                                                          company_id)}
        assert by_query == in_hand


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_cost_the_same_for_one_endpoint_as_for_many(staff, staff_client,
                                                              company_a):
    api = token_client(staff)
    factories.webhook_endpoint(company=company_a, url="https://a.example/h")
    letters.communication_create(
        reference=f"AL OTH 3/{timezone.now().year}", letter_type="AL",
        mandates=[factories.MandateFactory()], company=company_a,
        sent_on=timezone.localdate(), subject="A case")
    one = (_count(api, "/api/v1/webhooks/"), _count(staff_client, "/webhooks/"))
    for n in range(6):  # some other companies', some OHCHR's own (they hear of A's)
        factories.webhook_endpoint(company=factories.CompanyFactory() if n % 2 else None,
                                   url=f"https://{n}.example/h")
    letters.communication_create(
        reference=f"AL OTH 4/{timezone.now().year}", letter_type="AL",
        mandates=[factories.MandateFactory()], company=company_a,
        sent_on=timezone.localdate(), subject="Another case")
    assert WebhookDelivery.objects.count() == 1 + 1 + 3
    assert (_count(api, "/api/v1/webhooks/"), _count(staff_client, "/webhooks/")) == one


def test_an_https_endpoint_is_reached_over_tls_to_the_checked_address(company_a, receiver):
    # The receiver speaks plain HTTP: the TLS handshake to the address checked for
    # "localhost" fails, which is what reaching it over TLS looks like here.
    factories.webhook_endpoint(company=company_a,
                               url=f"https://localhost:{receiver.port}/hooks")
    letters.communication_create(
        reference=f"AL OTH 6/{timezone.now().year}", letter_type="AL",
        mandates=[factories.MandateFactory()], company=company_a,
        sent_on=timezone.localdate(), subject="A case")
    assert outbox.pending_deliver().retrying
    error = WebhookDelivery.objects.get().last_error
    assert "SSL" in error or "TLS" in error or "ssl" in error, error


def _certificate(folder, name: str) -> tuple[str, str]:
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}"], check=True,
                   capture_output=True)
    return str(cert), str(key)


@pytest.mark.skipif(not shutil.which("openssl"), reason="needs openssl to make a certificate")
@pytest.mark.parametrize(("named", "sent"), [("localhost", True), ("other.example", False)])
def test_an_https_receiver_is_reached_only_with_a_certificate_for_its_name(
        company_a, tmp_path, monkeypatch, named, sent):
    """Connected to the checked address, the request still names the URL's host for
    SNI and the certificate: a certificate for another name is refused."""
    cert, key = _certificate(tmp_path, named)
    monkeypatch.setattr(sending.certifi, "where", lambda: cert)  # trust this one root
    receiver = Receiver(tls=(cert, key)).start()
    try:
        endpoint = factories.webhook_endpoint(
            company=company_a, url=f"https://localhost:{receiver.port}/hooks")
        letters.communication_create(
            reference=f"AL OTH 8/{timezone.now().year}", letter_type="AL",
            mandates=[factories.MandateFactory()], company=company_a,
            sent_on=timezone.localdate(), subject="A case")
        result = outbox.pending_deliver()
    finally:
        receiver.stop()
    if sent:
        assert result.sent
        [request] = receiver.requests
        assert request.headers["Host"] == f"localhost:{receiver.port}"
        assert verify(endpoint.secret, request.headers["X-Btech-Signature"], request.body)
    else:
        assert result.retrying and receiver.requests == []
        error = WebhookDelivery.objects.get().last_error
        assert error.startswith("SSLError") and "other.example" in error, error
