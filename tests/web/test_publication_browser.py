"""The register in a browser: a visitor follows a permalink, downloads the public PDF and
a related letter; a lead reads the preview of day 60. Both pages pass axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from btech.office_time import office_today
from publication import services
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.factories import PDF_BYTES
from tests.web.test_browser import (  # noqa: F401  (fixtures)
    _serious_violations,
    browser,
    page,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_follows_a_permalink_downloads_and_a_lead_sees_day_sixty(
        page, live_server, tmp_path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    clear_of_geneva_midnight()
    today = office_today()
    meta = factories.CompanyFactory(name="Meta")
    google = factories.CompanyFactory(name="Google")
    x_corp = factories.CompanyFactory(name="X")
    lead = factories.UserFactory(username="lead-a", company=meta)
    factories.ContactFactory(company=meta, user=lead, name="Lead A", role="hr_lead")
    staff = factories.StaffUserFactory(username="ohchr-staff")
    privacy = factories.MandateFactory(short_name="SR privacy")
    published = factories.CommunicationFactory(
        company=google, sent_on=today - dt.timedelta(days=90), mandates=[privacy],
        subject="Spyware advertising targeting defenders")
    related = factories.CommunicationFactory(
        company=x_corp, sent_on=today - dt.timedelta(days=80), mandates=[privacy],
        subject="Account suspensions of journalists")
    upcoming = factories.CommunicationFactory(
        company=meta, sent_on=today - dt.timedelta(days=55), mandates=[privacy],
        subject="Facial recognition at borders")
    factories.ResponseFactory(communication=upcoming, kind="interim",
                              received_on=today - dt.timedelta(days=3),
                              body="We are looking into the allegations.")
    for letter in (published, upcoming):
        services.public_version_upload(communication=letter, uploaded_by=staff, approve=True,
                                       document=ContentFile(PDF_BYTES, name="public.pdf"))
    services.related_letter_link(communication=published, related=related, linked_by=staff)
    services.state_letter_add(communication=published, sent_on=published.sent_on,
                              reference=f"AL USA 30/{published.sent_on.year}", added_by=staff)
    axe = Axe()
    slug = published.reference.replace(" ", "-").replace("/", "-")

    page.goto(f"{live_server.url}/public/{slug}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(published.reference)
    problems = _serious_violations(axe, page, "permalink")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download the public version of "
                                      f"{published.reference} (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"{slug}-public.pdf"
    saved = tmp_path / "public.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert f"AL USA 30/{published.sent_on.year}" in page.locator("main").inner_text()
    page.get_by_role("link", name=related.reference).click()
    page.wait_for_url(f"**/public/{related.reference.replace(' ', '-').replace('/', '-')}/")
    assert "Account suspensions of journalists" in page.locator("main").inner_text()
    screenshot(page, "public-permalink")

    sign_in(page, live_server, "lead-a")
    page.goto(f"{live_server.url}/letters/{upcoming.pk}/")
    preview = page.locator("#public-preview")
    assert "What will be public on" in preview.inner_text()
    assert "We are looking into the allegations." in preview.inner_text()
    problems += _serious_violations(axe, page, "letter page with the preview")
    screenshot(page, "day-sixty-preview")
    assert problems == []
