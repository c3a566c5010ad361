"""OHCHR staff publish a call for input in a real browser and see a company's intent to
submit (Playwright driving Debian's Chromium; the fixtures of test_browser.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from btech.office_time import office_today
from calls import services
from calls.models import CallForInput
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.web.test_browser import (  # noqa: F401  (browser and page are fixtures)
    DESKTOP,
    PHONE,
    _serious_violations,
    browser,
    page,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_publish_a_call_for_input_and_see_a_company_s_intent(
        page: Any, live_server: Any) -> None:  # noqa: F811  (the fixture imported above)
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    clear_of_geneva_midnight()
    today = office_today()
    meta: Any = factories.CompanyFactory(name="Meta")
    factories.MandateFactory(title="Special Rapporteur on the right to privacy",
                             short_name="SR privacy")
    lead: Any = factories.UserFactory(username="lead-a", company=meta)
    factories.ContactFactory(company=meta, user=lead, name="Lead A", role="hr_lead")
    factories.StaffUserFactory(username="ohchr-staff")
    axe = Axe()
    problems: list[str] = []

    sign_in(page, live_server, "ohchr-staff")
    page.get_by_role("link", name="Calls for input").click()
    page.get_by_role("link", name="Publish a call for input").click()
    page.locator("#id_title").fill("Privacy and artificial intelligence")
    page.get_by_label("SR privacy").check()
    page.get_by_label("Human Rights Council").check()
    page.get_by_label("Report year").fill(str(today.year + 1))
    page.get_by_label("Opened on").fill(today.isoformat())
    # A deadline before the opening: the form says so, and keeps what was typed.
    page.get_by_label("Deadline (Geneva date)").fill(
        (today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save the call").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Deadline (Geneva date)")
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        problems += _serious_violations(axe, page, f"/calls/new/ failed {viewport}")
    page.set_viewport_size(DESKTOP)
    assert not CallForInput.objects.exists()

    page.get_by_label("Deadline (Geneva date)").fill(
        (today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save the call").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("The call for input is saved.")
    call = CallForInput.objects.get()
    expect(page.get_by_role("heading", name="Companies taking part")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No company has said it intends to submit")

    services.participation_update(call=call, company=meta, user=lead, intends_to_submit=True)
    page.reload()
    row = page.get_by_role("row").filter(has_text="Meta")
    expect(row).to_contain_text("Yes")
    expect(row).to_contain_text("Not yet")
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        problems += _serious_violations(axe, page, f"/calls/{call.pk}/ {viewport}")
    screenshot(page, "call-page-staff")
    page.set_viewport_size(DESKTOP)
    assert problems == []
