"""A lead finds who covers their risk, in a real browser (the fixtures of test_browser)."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps

from btech.office_time import office_today
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.web.test_browser import (
    DESKTOP,
    PHONE,
    _serious_violations,
    browser,
    page,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["browser", "page"]  # the fixtures, used by name


@pytest.fixture
def ai_scene(db: Any) -> dict[str, Any]:
    """Two mandates cover artificial intelligence, one does not; a published letter on it
    and Meta's own confidential one. Real dates: the browser keeps the session cookie
    only if its expiry is in the real future."""
    # The thesaurus comes from a data migration, and a transactional test run before this
    # one may have emptied every table: seed it again (it updates what is there).
    importlib.import_module("topics.migrations.0002_thesaurus").seed(django_apps, None)
    clear_of_geneva_midnight()
    today = office_today()
    meta = factories.CompanyFactory(name="Meta")
    google = factories.CompanyFactory(name="Google")
    privacy = factories.MandateFactory(
        title="Special Rapporteur on the right to privacy", short_name="SR privacy",
        topics=["artificial-intelligence", "privacy-and-data-protection"])
    factories.MandateHolderFactory(mandate=privacy, name="Joseph Cannataci",
                                   term_start=today - dt.timedelta(days=1400),
                                   term_end=today - dt.timedelta(days=400))
    factories.MandateHolderFactory(mandate=privacy, name="Ana Brian Nougrères",
                                   term_start=today - dt.timedelta(days=300),
                                   term_end=today + dt.timedelta(days=700))
    group = factories.MandateFactory(
        title="Working Group on business and human rights", short_name="WG business",
        mandate_type="WG", topics=["artificial-intelligence"])
    for name in ("Member One", "Member Two"):
        factories.MandateHolderFactory(mandate=group, name=name,
                                       term_start=today - dt.timedelta(days=100),
                                       term_end=today + dt.timedelta(days=900))
    factories.MandateFactory(title="Special Rapporteur on Myanmar", short_name="SR Myanmar",
                             kind="country", country="MM")
    lead = factories.UserFactory(username="lead-a", company=meta)
    factories.ContactFactory(company=meta, user=lead, name="Lead A", role="hr_lead")
    factories.CommunicationFactory(
        company=google, sent_on=today - dt.timedelta(days=90), mandates=[privacy],
        subject="Published face-search letter", topics=["artificial-intelligence"])
    factories.CommunicationFactory(
        company=meta, sent_on=today - dt.timedelta(days=10), mandates=[privacy],
        subject="Confidential model-training letter", topics=["artificial-intelligence"])
    ai = factories.topics("artificial-intelligence")
    factories.CallFactory(title="Call for input on AI procurement", mandates=[group],
                          topics=ai, opened_on=today - dt.timedelta(days=5),
                          deadline=today + dt.timedelta(days=20))
    factories.CallFactory(title="Closed call on AI audits", mandates=[group], topics=ai,
                          opened_on=today - dt.timedelta(days=90),
                          deadline=today - dt.timedelta(days=2))
    return {"lead": lead}


def test_a_lead_picks_a_topic_and_sees_who_covers_it_today(
        page: Any, live_server: Any, ai_scene: dict[str, Any]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    sign_in(page, live_server, "lead-a")
    page.get_by_role("link", name="Topics", exact=True).click()
    page.wait_for_load_state()
    problems += _serious_violations(axe, page, "/topics/")
    page.get_by_label("Artificial intelligence").check()
    page.get_by_role("button", name="Show the ticked topics").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Artificial intelligence"
    mandates = page.locator("#section-mandates").locator("xpath=..")
    text = mandates.inner_text()
    assert "Special Rapporteur on the right to privacy" in text
    assert "Held now by Ana Brian Nougrères" in text
    assert "Working Group on business and human rights" in text
    assert "Member One" in text and "Member Two" in text
    assert "Joseph Cannataci" not in text and "Myanmar" not in text
    body = page.locator("main").inner_text()
    assert "Published face-search letter" in body
    assert "Confidential model-training letter" not in body
    calls = page.locator("#section-calls").locator("xpath=..").inner_text()
    assert "Call for input on AI procurement" in calls and "Closed call" not in calls
    for viewport, name in ((DESKTOP, "topic-page"), (PHONE, "topic-page-phone")):
        page.set_viewport_size(viewport)
        problems += _serious_violations(axe, page, f"topic page {name}")
        screenshot(page, name)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Follow Artificial intelligence").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Stop following Artificial intelligence").count() == 1
    assert list(ai_scene["lead"].topic_follows.values_list("topic__slug", flat=True)) == [
        "artificial-intelligence"]
    # A chip on the mandate leads to the topic's own page.
    page.get_by_role("link", name="Privacy and data protection").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy and data protection"
    assert problems == []
