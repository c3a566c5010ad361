"""In a real browser: a lead finds a reply by a word that is only in its PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from btech.office_time import office_today
from search.services import stored_files_extract
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.web.test_browser import (  # noqa: F401 - browser and page are its fixtures
    DESKTOP,
    PHONE,
    _serious_violations,
    browser,
    screenshot,
    sign_in,
)
from tests.web.test_browser import page as page  # noqa: F401 - a fixture

# serialized_rollback: the tests after this one find the rows migrations wrote.
pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_lead_finds_a_reply_by_a_word_of_its_pdf(page, live_server):
    from axe_playwright_python.sync_playwright import Axe

    clear_of_geneva_midnight()
    today = office_today()
    meta = factories.CompanyFactory(name="Meta")
    lead = factories.UserFactory(username="lead-a", company=meta)
    factories.ContactFactory(company=meta, user=lead, name="Lead A", role="hr_lead")
    letter = factories.CommunicationFactory(
        company=meta, sent_on=today - dt.timedelta(days=30),
        subject="Content moderation of protest videos")
    reply = factories.ResponseFactory(communication=letter, body="See the attached reply.",
                                      received_on=today - dt.timedelta(days=2))
    reply.attachment.save("reply.pdf", ContentFile(factories.pdf_with_text(
        "Our transparency report lists every geofence warrant we received.")))
    stored_files_extract()  # what the worker does after the upload

    sign_in(page, live_server, "lead-a")
    page.get_by_role("searchbox", name="Search everything").fill("geofence")
    page.get_by_role("searchbox", name="Search everything").press("Enter")
    page.wait_for_load_state()

    result = page.locator(".search-result")
    assert result.count() == 1
    assert result.get_by_role("link").inner_text() == f"Reply to {letter.reference}"
    assert result.locator("mark").inner_text() == "geofence"
    problems = []
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        problems += _serious_violations(Axe(), page, f"/search/ ({width})")
        screenshot(page, "search-reply-pdf" + ("-phone" if width == "phone" else ""))
    assert problems == []
    result.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/letters/{letter.pk}/")
