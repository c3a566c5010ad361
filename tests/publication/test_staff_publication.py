"""OHCHR staff prepare a letter's publication; bad input is refused, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from publication.models import PublicVersion, StateLetter, WithheldReply
from reminders import planner
from reminders import services as reminder_services
from tests import factories
from tests.factories import PDF_BYTES
from tests.publication.conftest import DAY_BEFORE, PUBLIC_DAY

pytestmark = pytest.mark.django_db


def test_staff_upload_then_approve_a_reply_public_version_and_history_says_who(
        staff_client, staff, scene):
    url = f"/letters/{scene.letter.pk}/publication/"
    page = staff_client.get(url).content.decode()
    assert "Approved" in page and "Names an employee at risk." in page  # staff see why
    answer = staff_client.post(f"{url}versions/", {
        "document": SimpleUploadedFile("reply.pdf", PDF_BYTES, "application/pdf"),
        "response": scene.public_reply.pk})
    assert answer.status_code == 302
    version = PublicVersion.objects.get(response=scene.public_reply)
    assert version.approved_at is None
    assert staff_client.get(f"/public/AL-OTH-74-2024/replies/{scene.public_reply.pk}.pdf"
                            ).status_code == 404  # not approved yet
    staff_client.post(f"{url}versions/{version.pk}/approve/")
    version.refresh_from_db()
    assert version.approved_by == staff
    letter_page = staff_client.get(f"/letters/{scene.letter.pk}/").content.decode()
    assert "Public version uploaded" in letter_page
    assert "Public version approved by ohchr-staff" in letter_page
    assert "Public version of a reply approved by ohchr-staff" in letter_page  # timeline


def test_bad_input_names_the_field_and_saves_nothing(staff_client, scene):
    url = f"/letters/{scene.letter.pk}/publication/"
    before = PublicVersion.objects.count()
    html = staff_client.post(f"{url}versions/", {
        "document": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf")})
    assert html.status_code == 400
    assert "Public version (PDF)" in html.content.decode()
    assert PublicVersion.objects.count() == before
    for reference, field in (("AL XYZ 1/2024", "is not the ISO-3 code"),
                             ("AL USA 30-2024", "TYPE CODE N/YEAR"),
                             ("AL OTH 9/2024", "OTH marks a letter to a company")):
        answer = staff_client.post(f"{url}states/", {"reference": reference,
                                                     "sent_on": "2024-02-01"})
        assert answer.status_code == 400
        assert field in answer.content.decode()
    assert StateLetter.objects.count() == 1
    answer = staff_client.post(f"{url}states/", {"reference": "AL FRA 3/2023",
                                                 "sent_on": "2024-02-01"})
    assert "The reference year 2023 is not the year the letter was sent" in \
        answer.content.decode()
    answer = staff_client.post(f"{url}related/", {"reference": "AL OTH 74/2024"})
    assert "cannot be related to itself" in answer.content.decode()
    answer = staff_client.post(f"{url}withhold/", {"response": scene.public_reply.pk,
                                                   "requested_on": "2024-06-15", "reason": " "})
    assert answer.status_code == 400 and WithheldReply.objects.count() == 1


def test_only_staff_publish_and_other_companies_get_404(
        lead_a_client, lead_b_client, anonymous_client, scene):
    version = PublicVersion.objects.get(communication=scene.letter, response=None)
    approve = f"/letters/{scene.letter.pk}/publication/versions/{version.pk}/approve/"
    assert lead_b_client.post(approve).status_code == 404
    assert lead_b_client.get(f"/letters/{scene.letter.pk}/publication/").status_code == 404
    assert lead_a_client.post(approve).status_code == 403
    assert anonymous_client.post(approve).status_code == 302  # to the sign-in page


def test_the_board_and_the_digest_list_letters_public_soon_without_a_version(
        staff_client, staff, scene, company_b):
    board = staff_client.get("/board/").content.decode()
    unready = board[board.index("unready-heading"):board.index("response-heading")]
    # Meta's letter has its approved version; Google's press-released one has none.
    assert "UA OTH 75/2024" in unready and "AL OTH 74/2024" not in unready
    staff.email = "staff@ohchr.example"
    staff.save()
    mail.outbox.clear()
    planner.plan_pass(enqueue=False)
    reminder_services.pending_deliver()
    digest = next(message for message in mail.outbox if message.to == ["staff@ohchr.example"])
    assert "Becoming public within 7 days without an approved public version" in digest.body
    assert "UA OTH 75/2024" in digest.body
    assert f"/letters/{scene.pressed.pk}/publication/" in digest.body


def test_the_timeline_shows_publication_on_the_public_date(
        lead_a_client, scene, frozen_today):
    page = lead_a_client.get(f"/letters/{scene.letter.pk}/").content.decode()
    assert "Becomes public" in page
    frozen_today(PUBLIC_DAY)
    page = lead_a_client.get(f"/letters/{scene.letter.pk}/").content.decode()
    assert "Published on the public register" in page
    assert "What the public register shows" in page


def test_a_press_release_before_day_sixty_publishes_that_day(
        anonymous_client, frozen_today, company_a):
    frozen_today(DAY_BEFORE)
    letter = factories.CommunicationFactory(
        company=company_a, sent_on=DAY_BEFORE - dt.timedelta(days=5),
        press_release_on=DAY_BEFORE, subject="Announced today")
    assert letter.public_on == DAY_BEFORE
    assert "Announced today" in anonymous_client.get("/public/feed/").content.decode()
    answer = anonymous_client.get("/public/feed/")
    assert answer["Content-Type"].startswith("application/atom+xml")
    assert anonymous_client.get("/public/feed/?company=abc").status_code == 400


def test_the_csv_keeps_formulas_as_text(anonymous_client, frozen_today,
                                        company_a):
    frozen_today(PUBLIC_DAY)
    factories.CommunicationFactory(company=company_a, sent_on=DAY_BEFORE - dt.timedelta(days=90),
                                   subject="=HYPERLINK(\"http://evil\")")
    body = b"".join(anonymous_client.get("/public/export.csv").streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_the_services_refuse_an_approver_who_is_not_staff(scene, lead_a, lead_b):
    from django.core.exceptions import ValidationError

    from publication import services

    version = PublicVersion.objects.get(communication=scene.letter, response=None)
    PublicVersion.objects.filter(pk=version.pk).update(approved_at=None, approved_by=None)
    for user in (lead_a, lead_b):  # the letter's company, and one that cannot see it
        with pytest.raises(ValidationError) as refused:
            services.public_version_approve(public_version=version, approved_by=user)
        assert refused.value.message_dict == {
            "approved_by": ["Only OHCHR staff approve public versions."]}
    version.refresh_from_db()
    assert version.approved_at is None
