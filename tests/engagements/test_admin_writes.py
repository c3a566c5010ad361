"""The admin writes through the same services as the API and the web pages.

Each test does one thing to three identical letters, once through each door, and
compares what a person would notice afterwards: the letter's clock, its replies, the
history events and who made them, the outbox rows and the emails sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pghistory.models import Events
from rest_framework.test import APIClient

from engagements import services
from engagements.models import Communication
from reminders import services as reminder_services
from reminders.models import Reminder
from tests import factories
from tests.admin_forms import change_form_data, form_errors

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 5, 1)  # due 30 June
REFUSED = "The final reply has been logged; there is nothing to extend."


@pytest.fixture(autouse=True)
def _today(frozen_today):
    frozen_today(dt.date(2024, 6, 20))


@pytest.fixture
def company(db):
    company = factories.CompanyFactory(name="Meta")
    factories.ContactFactory(company=company, role="hr_lead", email="lead@meta.example")
    return company


@pytest.fixture
def owner(company):
    return factories.ContactFactory(company=company, name="Olga Owner",
                                    email="owner@meta.example")


@pytest.fixture
def letters(company) -> dict[str, Communication]:
    mandate = factories.MandateFactory(short_name="SR privacy")
    return {door: factories.CommunicationFactory.create(company=company, sent_on=SENT,
                                                        mandates=[mandate])
            for door in ("admin", "api", "web")}


@pytest.fixture
def clients(staff) -> dict[str, Client]:
    web, api = Client(), APIClient()
    web.force_login(staff)
    api.force_login(staff)  # a session, so the history records the user as on the web
    return {"web": web, "api": api}


def effect(letter: Communication) -> dict[str, Any]:
    """What a person could notice about the letter, free of ids and references."""
    letter.refresh_from_db()
    events = Events.objects.references(letter)
    sent = [m.subject.replace(letter.reference, "REF") for m in mail.outbox
            if letter.reference in m.subject]
    return {
        "clock": (letter.due_on, letter.public_on, letter.final_reply_on,
                  letter.next_reminder_on, letter.deadline_status()),
        "extension": (letter.extended_to, letter.extension_reason,
                      letter.extension_granted_by_id),
        "assignee": letter.assignee_id,
        "replies": [(r.kind, r.received_on, r.body, r.logged_by_id)
                    for r in letter.responses.order_by("received_on", "pk")],
        "history": sorted((e.pgh_model, e.pgh_label, tuple(sorted(e.pgh_diff or {})),
                           (e.pgh_context or {}).get("user") or 0) for e in events),
        "outbox": sorted((r.kind, r.recipient_email, r.state)
                         for r in Reminder.objects.filter(communication=letter)),
        "emails": sorted(sent),
    }


def through_each_door(letters: dict[str, Communication],
                      doors: dict[str, Callable[[Communication], Any]],
                      capture: Any) -> dict[str, dict[str, Any]]:
    for door, act in doors.items():
        with capture(execute=True):
            act(letters[door])
    reminder_services.pending_deliver()
    return {door: effect(letter) for door, letter in letters.items()}


def admin_post(client: Client, letter: Communication, changes: dict[str, object]) -> Any:
    form = change_form_data(letter)
    form.update(changes)
    return client.post(reverse("admin:engagements_communication_change", args=[letter.pk]),
                       form)


def assert_same(effects: dict[str, dict[str, Any]]) -> None:
    assert effects["admin"] == effects["api"] == effects["web"], effects


def test_an_extension_has_the_same_effect_from_every_door(
        staff_client, clients, letters, staff, django_capture_on_commit_callbacks):
    def admin(letter: Communication) -> None:
        response = admin_post(staff_client, letter, {"extended_to": "2024-08-15",
                                                     "extension_reason": "Consulting"})
        assert response.status_code == 302, form_errors(response)

    def api(letter: Communication) -> None:
        response = clients["api"].post(f"/api/v1/communications/{letter.pk}/extension/",
                                       {"due_on": "2024-08-15", "reason": "Consulting"})
        assert response.status_code == 200, response.content

    def web(letter: Communication) -> None:
        response = clients["web"].post(reverse("deadline-extend", args=[letter.pk]),
                                       {"extended_to": "2024-08-15", "reason": "Consulting"})
        assert response.status_code == 302

    effects = through_each_door(letters, {"admin": admin, "api": api, "web": web},
                                django_capture_on_commit_callbacks)

    assert_same(effects)
    assert effects["admin"]["clock"][0] == dt.date(2024, 8, 15)
    assert effects["admin"]["extension"] == (dt.date(2024, 8, 15), "Consulting", staff.pk)
    assert ("engagements.CommunicationEvent", "update",
            ("due_on", "extended_to", "extension_granted_at", "extension_granted_by_id",
             "extension_reason"), staff.pk) in effects["admin"]["history"]


def test_an_extension_after_the_final_reply_is_refused_alike_and_changes_nothing(
        staff_client, clients, letters, django_capture_on_commit_callbacks):
    for letter in letters.values():
        factories.ResponseFactory(communication=letter, received_on=dt.date(2024, 6, 1))
    before = {door: effect(letter) for door, letter in letters.items()}

    def admin(letter: Communication) -> None:
        response = admin_post(staff_client, letter, {"extended_to": "2024-08-15",
                                                     "extension_reason": "Consulting"})
        assert response.status_code == 200
        assert REFUSED in response.content.decode()

    def api(letter: Communication) -> None:
        response = clients["api"].post(f"/api/v1/communications/{letter.pk}/extension/",
                                       {"due_on": "2024-08-15", "reason": "Consulting"})
        assert response.status_code == 400
        assert response.json() == {"due_on": [REFUSED]}

    def web(letter: Communication) -> None:
        response = clients["web"].post(reverse("deadline-extend", args=[letter.pk]),
                                       {"extended_to": "2024-08-15", "reason": "Consulting"})
        assert response.status_code == 400
        assert REFUSED in response.content.decode()

    effects = through_each_door(letters, {"admin": admin, "api": api, "web": web},
                                django_capture_on_commit_callbacks)

    assert effects == before


def test_a_final_reply_has_the_same_effect_from_every_door(
        staff_client, clients, letters, staff, django_capture_on_commit_callbacks):
    reply = {"kind": "final", "received_on": "2024-06-18", "body": "Our answer"}

    def admin(letter: Communication) -> None:
        response = admin_post(staff_client, letter, {
            "responses-TOTAL_FORMS": "1", "responses-INITIAL_FORMS": "0",
            **{f"responses-0-{name}": value for name, value in reply.items()}})
        assert response.status_code == 302, form_errors(response)

    def api(letter: Communication) -> None:
        response = clients["api"].post(f"/api/v1/communications/{letter.pk}/responses/",
                                       reply, format="json")
        assert response.status_code == 201, response.content

    def web(letter: Communication) -> None:
        response = clients["web"].post(reverse("reply-log", args=[letter.pk]), reply)
        assert response.status_code == 302

    effects = through_each_door(letters, {"admin": admin, "api": api, "web": web},
                                django_capture_on_commit_callbacks)

    assert_same(effects)
    assert effects["web"]["clock"][2:] == (dt.date(2024, 6, 18), None, "replied_on_time")
    assert effects["web"]["replies"] == [("final", dt.date(2024, 6, 18), "Our answer",
                                          staff.pk)]


def test_deleting_a_reply_inline_is_the_same_as_from_the_reply_admin_and_the_service(
        staff_client, letters, django_capture_on_commit_callbacks):
    for letter in letters.values():
        factories.ResponseFactory(communication=letter, received_on=dt.date(2024, 6, 1))

    def inline(letter: Communication) -> None:
        reply = letter.responses.get()
        form = change_form_data(letter)
        form.update({"responses-0-id": str(reply.pk), "responses-0-DELETE": "on"})
        response = staff_client.post(
            reverse("admin:engagements_communication_change", args=[letter.pk]), form)
        assert response.status_code == 302, form_errors(response)

    def reply_admin(letter: Communication) -> None:
        reply = letter.responses.get()
        response = staff_client.post(
            reverse("admin:engagements_response_delete", args=[reply.pk]), {"post": "yes"})
        assert response.status_code == 302

    def service(letter: Communication) -> None:
        services.response_delete(response=letter.responses.get())

    effects = through_each_door(
        letters, {"admin": inline, "api": reply_admin, "web": service},
        django_capture_on_commit_callbacks)

    for door in effects.values():  # the service call has no request, so no user
        door["history"] = [event[:3] for event in door["history"]]
    assert_same(effects)
    # The letter awaits a reply again: reminders resume from today.
    assert effects["admin"]["clock"][2:] == (None, dt.date(2024, 6, 20), "due_soon")
    assert effects["admin"]["replies"] == []


def test_a_reassignment_has_the_same_effect_and_notice_from_every_door(
        staff_client, clients, letters, owner, django_capture_on_commit_callbacks):
    def admin(letter: Communication) -> None:
        response = admin_post(staff_client, letter, {"assignee": str(owner.pk)})
        assert response.status_code == 302, form_errors(response)

    def api(letter: Communication) -> None:
        response = clients["api"].patch(f"/api/v1/communications/{letter.pk}/",
                                        {"assignee": owner.pk}, format="json")
        assert response.status_code == 200, response.content

    def web(letter: Communication) -> None:
        response = clients["web"].post(reverse("letter-assign", args=[letter.pk]),
                                       {"assignee": owner.pk})
        assert response.status_code == 302

    effects = through_each_door(letters, {"admin": admin, "api": api, "web": web},
                                django_capture_on_commit_callbacks)

    assert_same(effects)
    assert effects["api"]["assignee"] == owner.pk
    assert effects["api"]["outbox"] == [("assigned", "owner@meta.example", "sent")]
    assert effects["api"]["emails"] == ["[REF] Assigned to you: reply due in 10 days"]


def test_a_letter_logged_in_the_admin_is_the_same_as_one_logged_through_the_api(
        staff_client, clients, company, owner, django_capture_on_commit_callbacks):
    mandate = factories.MandateFactory(short_name="SR privacy")
    fields = {"letter_type": "AL", "mandates": [mandate.pk], "company": company.pk,
              "sent_on": "2024-06-10", "language": "en", "subject": "Content removal",
              "summary": "", "assignee": owner.pk, "press_release_on": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:engagements_communication_add"), {
            **fields, "reference": "AL OTH 1/2024", "extended_to": "",
            "extension_reason": "", "responses-TOTAL_FORMS": "0",
            "responses-INITIAL_FORMS": "0", "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0", "reminders-TOTAL_FORMS": "0",
            "reminders-INITIAL_FORMS": "0"})
        assert response.status_code == 302, form_errors(response)
        response = clients["api"].post("/api/v1/communications/", {
            **fields, "reference": "AL OTH 2/2024", "press_release_on": None},
            format="json")
        assert response.status_code == 201, response.content
    reminder_services.pending_deliver()

    by_admin, by_api = (effect(Communication.objects.get(reference=f"AL OTH {n}/2024"))
                        for n in (1, 2))
    assert by_admin == by_api
    # The new-letter notice gives the due date today; the planner takes over tomorrow.
    assert by_admin["clock"] == (dt.date(2024, 8, 9), dt.date(2024, 8, 9), None,
                                 dt.date(2024, 6, 21), "open")
    assert by_admin["emails"] == ["[REF] New letter: reply due in 50 days"] * 2
