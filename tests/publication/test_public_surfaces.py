"""Every public surface, for every persona, the day before and on the public date:
nothing is public early, nothing confidential is ever public."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from publication import services
from tests.publication.conftest import PUBLIC_DAY

pytestmark = pytest.mark.django_db

PERSONAS = ["staff_client", "lead_a_client", "lead_b_client", "anonymous_client"]
# Never on a public surface: a note, the withheld reply, its reason, the unpublished
# related letter (not even its reference), the issue owner's and contacts' names.
CONFIDENTIAL = ["Private call notes", "Secret final answer", "Names an employee at risk",
                "AL OTH 76/2024", "AL-OTH-76-2024", "Unpublished related Google letter",
                "Lead A", "lead-a@meta.example"]

SURFACES = ["/public/", "/public/?company={company}", "/public/AL-OTH-74-2024/",
            "/public/UA-OTH-75-2024/", "/fr/public/AL-OTH-74-2024/", "/public/feed/",
            "/public/feed/?mandate={mandate}", "/public/export.csv", "/public/stats/",
            "/api/v1/public/communications/", "/api/v1/public/stats/"]


def _read(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode()


def _surfaces(scene):
    mandate = scene.letter.mandates.get().pk
    return [url.format(company=scene.letter.company_id, mandate=mandate) for url in SURFACES]


@pytest.mark.parametrize("persona", PERSONAS)
def test_nothing_is_public_the_day_before_and_everything_public_is_on_the_day(
        persona, request, scene, frozen_today):
    client = request.getfixturevalue(persona)
    for url in _surfaces(scene):
        status, body = _read(client, url)
        if "AL-OTH-74-2024" in url or "UA-OTH-75-2024" in url:
            assert status == 404, url
        else:
            assert status == 200, url
            assert "AL OTH 74/2024" not in body and "UA OTH 75/2024" not in body, url
        for secret in CONFIDENTIAL:
            assert secret not in body, (url, secret)
    # The public PDF: before the day, only for those who may see the letter (preview).
    pdf = client.get("/public/AL-OTH-74-2024/letter.pdf")
    assert pdf.status_code == (200 if persona in ("staff_client", "lead_a_client") else 404)

    frozen_today(PUBLIC_DAY)
    for url in _surfaces(scene):
        status, body = _read(client, url)
        assert status == 200, url
        for secret in CONFIDENTIAL:
            assert secret not in body, (url, secret)
        if "stats" not in url and "UA-OTH" not in url and "mandate" not in url:
            assert "AL OTH 74/2024" in body or "AL-OTH-74-2024" in body, url
    letter_page = _read(client, "/public/AL-OTH-74-2024/")[1]
    assert "Our interim public answer." in letter_page
    assert "UA OTH 75/2024" in letter_page  # the related letter, public by its press release
    assert "AL USA 30/2024" in letter_page and "United States of America" in letter_page
    # The press release made Google's letter public on the day, 40 days early.
    assert "UA OTH 75/2024" in _read(client, "/public/")[1]
    pdf = client.get("/public/AL-OTH-74-2024/letter.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    # The withheld reply has no public version, and the confidential original is never
    # served on the register.
    assert client.get(f"/public/AL-OTH-74-2024/replies/{scene.withheld_reply.pk}.pdf"
                      ).status_code == 404


def test_the_register_says_no_final_reply_when_the_final_reply_is_withheld(
        anonymous_client, scene, frozen_today):
    frozen_today(PUBLIC_DAY)
    listing = _read(anonymous_client, "/public/")[1]
    row = listing[listing.index("AL OTH 74/2024"):]
    assert "no final reply" in row[:800]
    csv_text = _read(anonymous_client, "/public/export.csv")[1]
    line = next(line for line in csv_text.splitlines() if line.startswith("AL OTH 74/2024"))
    assert ",http://testserver/public/AL-OTH-74-2024/" in line
    api = anonymous_client.get("/api/v1/public/communications/").json()
    row_json = next(row for row in api["results"] if row["reference"] == "AL OTH 74/2024")
    assert [reply["body"] for reply in row_json["responses"]] == ["Our interim public answer."]
    assert row_json["public_pdf"].endswith("/public/AL-OTH-74-2024/letter.pdf")
    assert [item["reference"] for item in row_json["related"]] == [
        "UA OTH 75/2024", "AL USA 30/2024"]


def test_the_day_sixty_preview_is_what_the_register_shows_the_next_day(
        lead_a_client, anonymous_client, scene, frozen_today):
    def panel(html):
        match = re.search(r'<div class="public-letter">.*?\n</div>', html, re.S)
        assert match is not None
        return match.group(0)

    # Google's related letter becomes public on the same day by its press release: a
    # preview shown to Meta today must not name it yet (it is confidential today).
    page = lead_a_client.get(reverse("letter-detail", args=[scene.letter.pk])).content.decode()
    assert "UA OTH 75/2024" not in page
    services.related_letter_unlink(communication=scene.letter, related=scene.pressed)

    page = lead_a_client.get(reverse("letter-detail", args=[scene.letter.pk])).content.decode()
    assert "What will be public on 17 June 2024" in page
    preview = panel(page)
    assert "Our interim public answer." in preview and "Secret final answer" not in preview
    assert "Unpublished related Google letter" not in preview
    assert "AL USA 30/2024" in preview and "letter.pdf" in preview

    frozen_today(PUBLIC_DAY)
    register = panel(anonymous_client.get("/public/AL-OTH-74-2024/").content.decode())
    assert preview == register


def test_a_lead_of_another_company_never_sees_the_preview(lead_b_client,
                                                           scene):
    assert lead_b_client.get(reverse("letter-detail", args=[scene.letter.pk])
                             ).status_code == 404
