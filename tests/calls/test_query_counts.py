"""Every list of calls costs the same queries for 1 call as for 30, and the call's status
as a query agrees with the model's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calls import services
from calls.models import CallForInput, CallStatus
from tests import factories
from tests.calls.conftest import TODAY
from topics.models import Topic

pytestmark = pytest.mark.django_db


def _calls(count: int, company, user) -> None:
    mandates = [factories.MandateFactory() for _ in range(2)]
    topic_ids = list(Topic.objects.values_list("pk", flat=True)[:3])
    for n in range(count):
        call = factories.CallFactory(mandates=mandates[: 1 + n % 2],
                                     topics=Topic.objects.filter(pk__in=topic_ids))
        factories.ParticipationFactory(call=call, company=company, intent_by=user,
                                       submitted_on=TODAY if n % 2 else None)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/api/v1/calls/?page_size=100", "/calls/", "/public/calls/",
                                 "/api/v1/calls/?status=open&ordering=deadline"])
def test_a_list_costs_the_same_for_one_call_and_for_thirty(url, staff_client, staff, today,
                                                           company_a, lead_a):
    _calls(1, company_a, lead_a)
    one = _queries(staff_client, url)
    _calls(29, company_a, lead_a)
    assert _queries(staff_client, url) == one


def test_the_status_query_agrees_with_the_model(today, staff):
    factories.CallFactory(deadline=TODAY)  # open to the end of its day
    factories.CallFactory(deadline=TODAY - dt.timedelta(days=1),
                          opened_on=TODAY - dt.timedelta(days=9))
    early = factories.CallFactory(deadline=TODAY + dt.timedelta(days=5))
    services.call_close(call=early, closed_by=staff)
    for status in CallStatus:
        expected = {c.pk for c in CallForInput.objects.all() if c.status(TODAY) == status}
        assert set(CallForInput.objects.with_status(status, TODAY)
                   .values_list("pk", flat=True)) == expected
    assert CallForInput.objects.with_status(CallStatus.OPEN, TODAY).count() == 1
