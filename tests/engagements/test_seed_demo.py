"""The demo tells the seeds' story, and loading it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from companies.models import Company
from engagements.deadlines import DeadlineStatus
from engagements.models import Communication, Response
from mandates.models import Mandate, MandateHolder
from reminders.models import Reminder

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_the_demo_shows_every_deadline_status(frozen_today, settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    today = frozen_today(dt.date(2026, 3, 30))  # the day after a DST change
    seed()
    statuses = {letter.deadline_status(today) for letter in Communication.objects.all()}
    assert statuses == set(DeadlineStatus)
    assert Communication.objects.count() == 14
    assert Company.objects.filter(is_btech_member=True).count() == 12
    assert MandateHolder.objects.filter(name="Irene Khan").count() == 2
    assert Mandate.objects.filter(kind="country").exists()


def test_loading_twice_creates_nothing_new(frozen_today, settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 3, 30))
    seed()
    counts = [model.objects.count() for model in (Communication, Response, User, Company,
                                                  Mandate, MandateHolder)]
    frozen_today(dt.date(2026, 9, 1))
    output = seed()
    assert "0 new letter(s)" in output
    assert counts == [model.objects.count() for model in (Communication, Response, User,
                                                           Company, Mandate, MandateHolder)]


def test_facebook_letters_keep_their_name_and_meta_is_found_as_facebook(frozen_today,
                                                                         settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 3, 30))
    seed()
    old = Communication.objects.get(reference="AL OTH 74/2021")
    assert (old.company.name, old.addressed_to) == ("Meta", "Facebook")
    assert Communication.objects.search("facebook").filter(company__name="Meta").count() > 1


def test_demo_accounts_sign_in_with_the_configured_password(frozen_today, settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 3, 30))
    output = seed()
    assert "demo-pass-123" not in output
    staff = authenticate(username="ohchr", password="demo-pass-123")
    meta = authenticate(username="meta-lead", password="demo-pass-123")
    google = authenticate(username="google-lead", password="demo-pass-123")
    assert staff.is_ohchr_staff and staff.has_perm("engagements.change_communication")
    assert meta.company.name == "Meta" and not meta.is_staff
    assert google.company.name == "Google"
    visible = Communication.objects.visible_to(meta)
    assert visible.exists() and not visible.exclude(company__name="Meta").exists()


def test_without_a_configured_password_a_random_one_is_printed_once(frozen_today,
                                                                    settings):
    settings.BTECH_DEMO_PASSWORD = ""
    frozen_today(dt.date(2026, 3, 30))
    first = seed()
    password = first.rsplit("shown only now: ", 1)[1].strip()
    assert authenticate(username="ohchr", password=password)
    assert "shown only now" not in seed()


def test_a_bad_argument_exits_non_zero_with_one_readable_line():
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--today", "2024-13-01"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "error: seed_demo: argument --today: '2024-13-01' is not a date (YYYY-MM-DD)"]


def test_every_mandate_shows_its_holder_today_or_its_last_one(frozen_today, settings,
                                                               client):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 12, 1))
    seed()
    content = client.get(reverse("mandate-list")).content.decode()
    for now in ("<strong>Ana Brian Nougrères</strong> (term until 31 July 2027)",
                "<strong>Gina Romero</strong> (term until 30 April 2027)"):
        assert f"Held now by {now}" in content
    for name, ended in (("Irene Khan", "31 July 2026"), ("Mary Lawlor", "30 April 2026"),
                        ("Siobhán Mullally", "31 July 2026"),
                        ("Tomoya Obokata", "30 April 2026"),
                        ("Mama Fatima Singhateh", "30 April 2026"),
                        ("Graeme Reid", "31 October 2026"), ("Ben Saul", "31 October 2026"),
                        ("Nicolas Levrat", "31 October 2026")):
        assert (f"<strong>{name}</strong>: term ended on {ended}; successor not yet "
                "recorded.") in content
    assert "Before: Victor Madrigal-Borloz (2018–2023)" in content
    assert "nobody" not in content.lower()


def test_a_new_user_sees_a_letter_sent_today_and_an_overdue_one_nobody_owns(frozen_today,
                                                                          settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    today = frozen_today(dt.date(2026, 12, 1))
    seed()
    meta = User.objects.get(username="meta-lead")
    mine = Communication.objects.visible_to(meta)
    [new] = mine.filter(sent_on=today)
    assert new.assignee is None
    assert new.notes.get().kind == "preview"
    assert new.created_at.date() == today  # logged today, through the services
    # It waits for the lead's acknowledgement; the other letters to Meta have theirs.
    assert new.acknowledged_at is None
    assert not mine.exclude(pk=new.pk).filter(acknowledged_at__isnull=True,
                                             sent_on__gte=today - dt.timedelta(days=60)
                                             ).exists()
    # Meta's lead hears of it (it has no issue owner yet).
    assert list(Reminder.objects.filter(communication=new, kind="new_letter")
                .values_list("reason", flat=True)) == ["hr_lead"]
    unowned = mine.with_status(DeadlineStatus.OVERDUE, today=today).filter(
        assignee__isnull=True)
    assert unowned.exists()


def test_the_demo_mandates_have_their_official_french_and_spanish_titles(frozen_today,
                                                                          settings):
    from django.utils import translation

    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 3, 30))
    seed()
    expression = Mandate.objects.get(short_name="SR freedom of expression")
    assert expression.title_fr == ("Rapporteur spécial sur la promotion et la protection du "
                                   "droit à la liberté d'opinion et d'expression")
    assert expression.title_es == ("Relator Especial sobre la promoción y protección del "
                                   "derecho a la libertad de opinión y de expresión")
    assert not Mandate.objects.filter(title_fr="").exists()
    assert not Mandate.objects.filter(title_es="").exists()
    assert not Mandate.objects.filter(covers_es="").exclude(covers="").exists()
    with translation.override("fr"):
        assert expression.display_short_name == "RS liberté d'expression"
    with translation.override("en"):
        assert expression.display_title == expression.title


def test_loading_again_keeps_a_translation_someone_corrected(frozen_today, settings):
    settings.BTECH_DEMO_PASSWORD = "demo-pass-123"
    frozen_today(dt.date(2026, 3, 30))
    seed()
    Mandate.objects.filter(short_name="SR privacy").update(title_fr="Corrigé", title_es="")
    seed()
    privacy = Mandate.objects.get(short_name="SR privacy")
    assert privacy.title_fr == "Corrigé"
    assert privacy.title_es == "Relator Especial sobre el derecho a la privacidad"
