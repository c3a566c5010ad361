"""People using the product in a real browser (Playwright driving Debian's Chromium).

Run with the rest of the suite. Without a Chromium the tests are skipped on a laptop
and fail under CI=true, where .ci/run installs one: CI must never pass by skipping them.
Screenshots of the main pages go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from btech.office_time import office_today
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("BTECH_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}


def _no_browser(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the dev dependencies include it
        _no_browser(f"playwright is not installed ({error})")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _no_browser(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django refuses database
    # calls from a thread with a running loop unless told it is safe, as it is here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu",
                      "--disable-background-networking"],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(30_000)  # Chromium and axe on two busy cores
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.fixture
def scene(db: Any) -> dict[str, Any]:
    """Meta's letter due in 6 days, Google's confidential letter, and a published one.

    Real dates, not frozen time: the browser keeps the session cookie only if its
    expiry is in the real future.
    """
    clear_of_geneva_midnight()
    today = office_today()
    meta = factories.CompanyFactory(name="Meta")
    google = factories.CompanyFactory(name="Google")
    privacy = factories.MandateFactory(title="Special Rapporteur on the right to privacy",
                                       short_name="SR privacy",
                                       covers="The right to privacy in the digital age.")
    factories.MandateHolderFactory(mandate=privacy, name="Ana Brian Nougrères",
                                   term_start=today - dt.timedelta(days=300),
                                   term_end=today + dt.timedelta(days=700))
    lead = factories.UserFactory(username="lead-a", company=meta)
    factories.ContactFactory(company=meta, user=lead, name="Lead A", role="hr_lead")
    factories.UserFactory(username="lead-b", company=google)
    factories.StaffUserFactory(username="ohchr-staff")
    meta_letter = factories.CommunicationFactory(
        company=meta, sent_on=today - dt.timedelta(days=54), mandates=[privacy],
        subject="Content moderation of protest videos")
    google_letter = factories.CommunicationFactory(
        company=google, sent_on=today - dt.timedelta(days=20), mandates=[privacy],
        subject="Confidential Google matter")
    published = factories.CommunicationFactory(
        company=google, sent_on=today - dt.timedelta(days=90), mandates=[privacy],
        subject="Published search-engine letter")
    factories.ResponseFactory(communication=published,
                              received_on=today - dt.timedelta(days=70))
    overdue = factories.CommunicationFactory(
        company=google, sent_on=today - dt.timedelta(days=65), mandates=[privacy],
        subject="Unanswered data-retention letter")
    return {"meta_letter": meta_letter, "google_letter": google_letter,
            "published": published, "overdue": overdue}


def test_a_lead_signs_in_sees_only_their_letters_and_logs_a_final_reply(
        page: Any, live_server: Any, scene: dict[str, Any]) -> None:
    sign_in(page, live_server, "lead-a")
    page.get_by_role("link", name="Our letters").click()  # signed in, a lead is on My work
    page.wait_for_url("**/letters/")
    assert page.get_by_role("heading", level=1).inner_text() == "Letters to Meta"
    body = page.locator("main").inner_text()
    assert scene["meta_letter"].reference in body
    assert "Due in 6 days" in body
    assert scene["google_letter"].reference not in body
    assert "Confidential Google matter" not in body
    assert page.get_by_role("link", name="Board").count() == 0
    screenshot(page, "letters-list")

    page.set_viewport_size(PHONE)
    screenshot(page, "letters-list-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name=scene["meta_letter"].reference).click()
    page.get_by_label("Final").check()
    page.get_by_label("Date received").fill(office_today().isoformat())
    page.get_by_label("Text of the reply").fill("Meta has reviewed the videos and responds.")
    page.get_by_role("button", name="Log the reply").click()
    page.wait_for_load_state()
    assert "The final reply is logged." in page.locator(".messages").inner_text()
    assert "Replied on time" in page.locator("h1 + p.subject + p").inner_text()
    screenshot(page, "letter-page")
    page.set_viewport_size(PHONE)
    screenshot(page, "letter-page-phone")


def test_a_reply_without_text_or_pdf_shows_a_clear_error(page: Any, live_server: Any,
                                                          scene: dict[str, Any]) -> None:
    sign_in(page, live_server, "lead-a")
    page.goto(f"{live_server.url}/letters/{scene['meta_letter'].pk}/#reply")
    page.get_by_label("Interim").check()
    # The date box comes filled with today (Geneva).
    assert page.get_by_label("Date received").input_value() == office_today().isoformat()
    from playwright.sync_api import expect

    page.get_by_role("button", name="Log the reply").click()
    expect(page.locator("#reply")).to_contain_text(
        "Give the reply's text or attach it as a PDF.")


def test_a_failed_reply_shows_the_error_summary_and_focus_moves_to_it(
        page: Any, live_server: Any, scene: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    sign_in(page, live_server, "lead-a")
    page.goto(f"{live_server.url}/letters/{scene['meta_letter'].pk}/")
    page.get_by_label("Final").check()
    page.get_by_role("button", name="Log the reply").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name="Text of the reply: Give the reply's text or "
                                            "attach it as a PDF.")
    screenshot(page, "letter-page-error-summary")
    page.set_viewport_size(PHONE)
    screenshot(page, "letter-page-error-summary-phone")
    link.click()
    text_box = page.get_by_label("Text of the reply")
    expect(text_box).to_be_focused()
    expect(text_box).to_have_attribute("aria-invalid", "true")
    assert scene["meta_letter"].responses.count() == 0


def test_a_notes_kind_follows_its_date_until_one_is_chosen(
        page: Any, live_server: Any, scene: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    letter = scene["meta_letter"]
    sign_in(page, live_server, "lead-a")
    page.goto(f"{live_server.url}/letters/{letter.pk}/")
    kind, date = page.get_by_label("Kind of note"), page.locator("#note_noted_on")
    expect(kind).to_have_value("follow_up")  # today is after the letter was sent
    date.fill((letter.sent_on - dt.timedelta(days=2)).isoformat())
    expect(kind).to_have_value("preview")
    date.fill(letter.sent_on.isoformat())
    expect(kind).to_have_value("accompanying")
    kind.select_option("follow_up")  # the person's choice wins from now on
    date.fill((letter.sent_on - dt.timedelta(days=1)).isoformat())
    expect(kind).to_have_value("follow_up")


def test_staff_log_a_letter_and_keep_the_pdf_through_a_mistake(
        page: Any, live_server: Any, scene: dict[str, Any], tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from engagements.models import Communication
    from tests.factories import PDF_BYTES

    factories.FormerNameFactory(company=scene["meta_letter"].company, name="Facebook")
    second = factories.MandateFactory(title="Special Rapporteur on minority issues",
                                      short_name="SR minority issues")
    letter_pdf = tmp_path / "JAL-OTH-90.pdf"
    letter_pdf.write_bytes(PDF_BYTES)
    year = office_today().year

    sign_in(page, live_server, "ohchr-staff")
    page.get_by_role("link", name="Log a new letter").click()
    page.wait_for_load_state()
    screenshot(page, "letter-create")
    page.get_by_label("Reference").fill(f"JAL OTH 90/{year}")
    page.get_by_label("Company").fill("Facebook")
    page.get_by_label("Special Rapporteur on the right to privacy (SR privacy)").check()
    expect(page.get_by_label("Sent on")).to_have_value(office_today().isoformat())
    page.get_by_label("Subject").fill("Facial recognition in photo search")
    page.get_by_label("The letter as a PDF").set_input_files(str(letter_pdf))
    page.get_by_role("button", name="Log the letter").click()
    page.wait_for_load_state()

    # One mandate for a JAL reference: named, focused, nothing saved, the PDF kept.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Reference: JAL marks a joint letter")
    expect(page.locator("main")).to_contain_text(
        "You chose JAL-OTH-90.pdf: it is kept and will be attached.")
    assert not Communication.objects.filter(subject="Facial recognition in photo search"
                                            ).exists()
    screenshot(page, "letter-create-error")
    page.set_viewport_size(PHONE)
    screenshot(page, "letter-create-error-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label(f"{second.title} ({second.short_name})").check()
    page.get_by_role("button", name="Log the letter").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(f"AL OTH 90/{year} is logged.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"AL OTH 90/{year} JAL")
    letter = Communication.objects.get(reference=f"AL OTH 90/{year}")
    assert letter.company.name == "Meta" and letter.letter
    expect(page.get_by_role("link", name="Open this letter in the admin")).to_be_visible()
    screenshot(page, "letter-created")


def test_staff_filter_the_board_and_download_the_csv(page: Any, live_server: Any,
                                                     scene: dict[str, Any]) -> None:
    sign_in(page, live_server, "ohchr-staff")
    assert page.get_by_role("heading", level=1).inner_text() == "Tracking board"
    screenshot(page, "board")
    page.set_viewport_size(PHONE)
    screenshot(page, "board-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Company").select_option(label="Google")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    table = page.locator("table.letters").inner_text()
    assert scene["google_letter"].reference in table
    assert scene["meta_letter"].reference not in table
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    references = {row["Reference"] for row in csv.DictReader(io.StringIO(text))}
    assert references == {scene["google_letter"].reference, scene["published"].reference,
                          scene["overdue"].reference}


def test_the_public_register_hides_a_letter_that_is_not_yet_public(
        page: Any, live_server: Any, scene: dict[str, Any]) -> None:
    page.goto(f"{live_server.url}/public/")
    body = page.locator("main").inner_text()
    assert scene["published"].reference in body
    assert scene["google_letter"].reference not in body
    assert scene["meta_letter"].reference not in body
    screenshot(page, "public-register")
    response = page.goto(f"{live_server.url}/public/{scene['google_letter'].pk}/")
    assert response.status == 404


MAIN_PAGES = [
    (None, "/accounts/login/", "sign-in"),
    (None, "/public/", "public-register"),
    (None, "/mandates/", "mandates"),
    ("lead-a", "/letters/", "letters-list"),
    ("lead-a", "/letters/{meta_letter}/", "letter-page"),
    ("lead-a", "/calendar/", "calendar"),
    ("ohchr-staff", "/board/", "board"),
    ("ohchr-staff", "/letters/new/", "letter-create"),
    ("ohchr-staff", "/letters/{published}/", "letter-page-closed"),
]
DESKTOP = {"width": 1280, "height": 900}


def _serious_violations(axe: Any, page: Any, where: str) -> list[str]:
    problems = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in {"serious", "critical"}:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{where}: {violation['id']} ({violation['impact']}) "
                            f"{violation['help']} at {targets}")
    return problems


def test_the_main_pages_have_no_serious_accessibility_violation(
        page: Any, live_server: Any, scene: dict[str, Any]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    signed_in_as = None
    problems: list[str] = []
    for username, path, name in MAIN_PAGES:
        if username != signed_in_as:
            page.context.clear_cookies()
            if username:
                sign_in(page, live_server, username)
            signed_in_as = username
        page.goto(live_server.url + path.format(meta_letter=scene["meta_letter"].pk,
                                                published=scene["published"].pk))
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            problems += _serious_violations(axe, page, f"{path} ({width})")
            screenshot(page, f"a11y-{name}" + ("-phone" if width == "phone" else ""))
        page.set_viewport_size(DESKTOP)
    assert problems == []


def test_failed_forms_have_no_serious_accessibility_violation(
        page: Any, live_server: Any, scene: dict[str, Any]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    sign_in(page, live_server, "ohchr-staff")
    page.goto(f"{live_server.url}/letters/new/")
    page.get_by_label("Reference").fill("not a reference")
    page.get_by_role("button", name="Log the letter").click()
    page.wait_for_load_state()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        problems += _serious_violations(axe, page, f"/letters/new/ failed {viewport}")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/letters/{scene['meta_letter'].pk}/")
    page.get_by_role("button", name="Log the reply").click()
    page.wait_for_load_state()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        problems += _serious_violations(axe, page, f"letter page failed {viewport}")
    assert problems == []


# --- Day one: My work ------------------------------------------------------------------

@pytest.fixture
def day_one(db: Any) -> dict[str, Any]:
    """Meta's day: a new letter nobody has acknowledged or routed, and two letters in
    hand; Priya can take the new one. Google's letter needs everything."""
    clear_of_geneva_midnight()
    today = office_today()
    meta = factories.CompanyFactory(name="Meta")
    google = factories.CompanyFactory(name="Google")
    privacy = factories.MandateFactory(short_name="SR privacy",
                                       title="Special Rapporteur on the right to privacy")
    lead = factories.UserFactory(username="lead-a", company=meta, first_name="Amira",
                                 last_name="Lead")
    lead_contact = factories.ContactFactory(company=meta, user=lead, name="Amira Lead",
                                            role="hr_lead")
    priya = factories.ContactFactory(company=meta, name="Priya Owner")
    factories.UserFactory(username="lead-b", company=google)
    factories.StaffUserFactory(username="ohchr-staff")
    new = factories.CommunicationFactory(
        company=meta, sent_on=today - dt.timedelta(days=2), mandates=[privacy],
        subject="Account suspensions of journalists")
    in_hand = []
    for days, subject in ((50, "Content moderation of protest videos"),
                          (30, "Data requests about activists")):
        letter = factories.CommunicationFactory.create(
            company=meta, sent_on=today - dt.timedelta(days=days), mandates=[privacy],
            subject=subject, assignee=lead_contact if days == 50 else priya)
        letter.acknowledged_at = letter.created_at
        letter.save(update_fields=["acknowledged_at"])
        in_hand.append(letter)
    google_letter = factories.CommunicationFactory(
        company=google, sent_on=today - dt.timedelta(days=1), mandates=[privacy],
        subject="Confidential Google matter")
    return {"new": new, "in_hand": in_hand, "priya": priya, "google": google_letter}


def _count_text(page: Any, need: str) -> str:
    return " ".join(page.locator(f".work-count--{need}").inner_text().split())


def test_a_lead_acknowledges_and_assigns_from_my_work_without_a_reload(
        page: Any, live_server: Any, day_one: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    new = day_one["new"]
    sign_in(page, live_server, "lead-a")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert _count_text(page, "acknowledge") == "1 awaiting acknowledgement"
    assert _count_text(page, "assign") == "1 unassigned"
    assert day_one["google"].reference not in page.locator("main").inner_text()
    screenshot(page, "my-work")
    page.evaluate("window.notReloaded = true")

    page.get_by_role("button", name=f"Acknowledge receipt of {new.reference}").click()
    status = page.locator("#my-work-status")
    expect(status).to_have_text(f"Receipt of {new.reference} is acknowledged.")
    expect(page.locator(".work-count--acknowledge")).to_contain_text("0")
    assert _count_text(page, "acknowledge") == "0 awaiting acknowledgement"
    # Focus stays on the letter, now on its next action.
    assert page.evaluate(
        "document.activeElement.closest('[data-letter]').dataset.letter") == str(new.pk)
    assert page.evaluate("document.activeElement.textContent").startswith("Assign")

    page.get_by_text(f"Assign {new.reference}").click()
    card = page.locator(f"[data-letter='{new.pk}']")
    card.get_by_label("Issue owner").select_option(label="Priya Owner")
    card.get_by_label("Handover note").fill("Legal has the background; call Ana first.")
    screenshot(page, "my-work-assign")
    card.get_by_role("button", name="Assign", exact=True).click()
    expect(status).to_have_text("Assigned to Priya Owner.")
    assert _count_text(page, "assign") == "0 unassigned"
    assert page.evaluate("window.notReloaded") is True

    new.refresh_from_db()
    assert new.acknowledged_by.username == "lead-a"
    assert new.assignee == day_one["priya"]
    assert new.handovers.get().note == "Legal has the background; call Ana first."

    # A final reply takes the letter off the list; focus moves to the next letter.
    answered = day_one["in_hand"][0]
    page.get_by_text(f"Log reply to {answered.reference}").click()
    card = page.locator(f"[data-letter='{answered.pk}']")
    card.get_by_label("Final").check()
    card.get_by_label("Text of the reply").fill("Meta has reviewed the videos.")
    card.get_by_role("button", name="Log the reply").click()
    expect(status).to_have_text("The final reply is logged.")
    expect(card).to_have_count(0)
    assert _count_text(page, "replied") == "1 replied this month"
    assert page.evaluate("document.activeElement.closest('[data-letter]') !== null")
    assert page.evaluate("window.notReloaded") is True
    answered.refresh_from_db()
    assert answered.final_reply_on == office_today()
    screenshot(page, "my-work-after")


def test_a_refused_action_falls_back_to_the_page_with_the_error(
        page: Any, live_server: Any, day_one: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    from engagements import services

    new = day_one["new"]
    sign_in(page, live_server, "lead-a")
    # A colleague acknowledges it first, from the email.
    colleague = factories.UserFactory.create(username="colleague-a", company=new.company)
    services.communication_acknowledge(communication=new, acknowledged_by=colleague)
    page.get_by_role("button", name=f"Acknowledge receipt of {new.reference}").click()
    expect(page).to_have_url(f"{live_server.url}/letters/{new.pk}/acknowledge/")
    expect(page.get_by_role("alert")).to_contain_text(
        "This letter was already acknowledged on")
    screenshot(page, "acknowledge-twice")


def test_on_a_phone_the_first_three_letters_fit_on_the_first_screen(
        page: Any, live_server: Any, day_one: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "lead-a")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "my-work-phone-first-screen.png"))  # no scrolling
    screenshot(page, "my-work-phone")
    cards = page.locator(".work-item")
    assert cards.count() == 3
    assert page.evaluate("window.scrollY") == 0
    for index in range(3):
        box = cards.nth(index).bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (index, box)


DAY_ONE_PAGES = [
    ("lead-a", "/my-work/", "my-work"),
    ("lead-a", "/my-work/?need=acknowledge", "my-work-filtered"),
    ("lead-a", "/letters/{new}/", "letter-page-acknowledge"),
    ("ohchr-staff", "/board/", "board"),
]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_day_one_pages_have_no_serious_accessibility_violation(
        page: Any, live_server: Any, day_one: dict[str, Any], width: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    if width == "phone":
        page.set_viewport_size(PHONE)
    axe = Axe()
    signed_in_as = None
    problems: list[str] = []
    for username, path, name in DAY_ONE_PAGES:
        if username != signed_in_as:
            page.context.clear_cookies()
            sign_in(page, live_server, username)
            signed_in_as = username
        page.goto(live_server.url + path.format(new=day_one["new"].pk))
        # The disclosure forms are part of the page: check them open too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in {"serious", "critical"}:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path} ({width}): {violation['id']} "
                                f"({violation['impact']}) {violation['help']} at {targets}")
        screenshot(page, f"a11y-day-one-{name}-{width}")
    assert problems == []


# --- Three languages -------------------------------------------------------------------

def _switch_language(page: Any, code: str) -> None:
    """Choose a language with the switcher at the top of the page, as a person would."""
    page.locator(f"form.language-switcher button[value='{code}']").click()
    page.wait_for_load_state()


def _month(day: dt.date, code: str) -> str:
    """The month of `day` as Django writes it in that language (its own translations,
    whatever the state of ours): "décembre", "diciembre"."""
    from django.utils import formats, translation

    with translation.override(code):
        return formats.date_format(day, "F")


def _in(code: str, msgid: str) -> str:
    """`msgid` as the catalogue of `code` gives it; English for "en"."""
    from django.utils import translation

    with translation.override(code):
        return translation.gettext(msgid)


def _due_badge(code: str, days: int) -> str:
    """What a letter's badge says `days` before its due date, from the catalogue's
    plural of the message: "Due in 58 days", "Échéance dans 58 jours"."""
    from django.utils import translation
    from django.utils.text import capfirst

    with translation.override(code):
        return str(capfirst(translation.ngettext(
            "due in %(count)d day", "due in %(count)d days", days) % {"count": days}))


@pytest.mark.parametrize("code", ["en", "fr", "es"])
def test_the_main_pages_in_each_language(page: Any, live_server: Any,
                                         day_one: dict[str, Any], code: str) -> None:
    """A lead's My work and letter page, the staff board and the public register, each
    reached with the switcher; the page declares its language, writes its dates in it,
    and passes axe (which checks the lang attributes too)."""
    from axe_playwright_python.sync_playwright import Axe

    from accounts.models import User

    axe = Axe()
    new = day_one["new"]
    today = office_today()
    published = factories.CommunicationFactory.create(
        company=new.company, sent_on=today - dt.timedelta(days=90),
        mandates=list(new.mandates.all()), subject="Published moderation letter")
    problems: list[str] = []

    def check(name: str, *, dated: dt.date) -> None:
        assert page.locator("html").get_attribute("lang") == code, name
        assert _month(dated, code) in page.locator("main").inner_text(), name
        current = page.locator("form.language-switcher [aria-current='true']")
        assert current.get_attribute("lang") == code, name
        problems.extend(_serious_violations(axe, page, f"{name} ({code})"))
        screenshot(page, f"lang-{code}-{name}")

    sign_in(page, live_server, "lead-a")
    if code != "en":
        _switch_language(page, code)
    page.wait_for_url("**/my-work/")
    check("my-work", dated=today)
    assert User.objects.get(username="lead-a").language == ("" if code == "en" else code)
    # The words are the catalogue's, not English left behind (the strings are checked
    # complete by tests/test_translation_catalogues.py).
    headings = {name: _in(code, name) for name in (
        "My work", "Tracking board", "Public register", "Log a reply")}
    if code != "en":
        assert all(words != english for english, words in headings.items()), headings
    assert page.locator("main h1").inner_text() == headings["My work"]
    badge = _due_badge(code, new.days_remaining(today))
    assert badge in page.locator("main .badge").all_inner_texts()
    page.goto(f"{live_server.url}/letters/{new.pk}/")
    check("letter", dated=new.sent_on)
    assert page.locator("#reply-heading").inner_text() == headings["Log a reply"]
    assert page.locator("main .badge").first.inner_text() == badge

    page.context.clear_cookies()
    sign_in(page, live_server, "ohchr-staff")
    if code != "en":
        _switch_language(page, code)
    page.wait_for_url("**/board/")
    check("board", dated=today)
    assert page.locator("main h1").inner_text() == headings["Tracking board"]

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/public/")
    if code != "en":
        _switch_language(page, code)
        # The register's address carries the language: it can be linked as it is.
        page.wait_for_url(f"**/{code}/public/")
    check("public-register", dated=published.sent_on)
    assert page.locator("header nav").get_by_role(
        "link", name=headings["Public register"], exact=True).count() == 1
    page.get_by_role("link", name=published.reference).click()
    page.wait_for_load_state()
    # The register links a letter by its permanent address, its reference.
    slug = published.reference.replace(" ", "-").replace("/", "-")
    assert page.url.endswith(("" if code == "en" else f"/{code}") + f"/public/{slug}/")
    check("public-letter", dated=published.sent_on)
    assert problems == []
