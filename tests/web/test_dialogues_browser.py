"""A company lead in a real browser: opens the 12 May 2021 dialogue of the demo, reads
its questions, and marks their company's follow-up action done (the fixtures of
tests/web/test_browser.py: Playwright driving Debian's Chromium, and axe)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from accounts.models import User
from tests.factories import PASSWORD
from tests.web.test_browser import (
    DESKTOP,
    PHONE,
    _serious_violations,
    screenshot,
    sign_in,
)
from tests.web.test_browser import browser as browser  # noqa: F401  (a fixture)
from tests.web.test_browser import page as page  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", verbosity=0)
    lead = User.objects.get(username="meta-lead")
    lead.set_password(PASSWORD)
    lead.save()


def test_a_lead_reads_the_12_may_dialogue_and_marks_an_action_done(
        page: Any, live_server: Any, demo: None) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    sign_in(page, live_server, "meta-lead")
    page.get_by_role("link", name="Dialogues", exact=True).first.click()
    page.wait_for_url("**/dialogues/")
    page.get_by_role("link", name="B-Tech Community of Practice dialogue with UN Special "
                                  "Procedures mandate holders").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "12 May 2021" in main and "Geneva time" in main
    assert "Facebook" in main  # Meta, under the name it had on the day
    assert "Irene Khan" in main and "Mary Lawlor" in main
    questions = page.locator("#questions-heading + article, article.question")
    assert questions.count() == 6
    assert "How are companies engaging with human rights defenders?" in main
    assert "Are there measures in place to permanently remove [child] abuse material?" in main
    problems = []
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        problems += _serious_violations(axe, page, f"dialogue page ({width})")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "dialogue-page")

    page.get_by_role("link", name="Share with the office of the SR on human rights "
                                  "defenders", exact=False).click()
    page.wait_for_load_state()
    page.get_by_role("combobox", name="Status").select_option("done")
    page.get_by_role("textbox", name="Closing note").fill(
        "Shared our escalation line with the office.")
    page.get_by_role("button", name="Save the status").click()
    page.wait_for_load_state()
    assert "The action's status is saved." in page.locator(".messages").inner_text()
    assert "Done" in page.locator("dl.facts").inner_text()
    assert "Shared our escalation line" in page.locator("dl.facts").inner_text()
    problems += _serious_violations(axe, page, "action page")
    screenshot(page, "action-page")
    assert problems == []
