"""What staff see: a letter's reminders on its admin page, and the failed ones."""

from __future__ import annotations

import datetime as dt

import pytest

from reminders.models import DeliveryState, Reminder

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)


def test_the_letter_page_lists_its_reminders(staff_client, make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    run_pass(dt.date(2024, 2, 9))

    response = staff_client.get(f"/admin/engagements/communication/{letter.pk}/change/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "reminders sent and planned" in page.lower()
    assert "lead@meta.example" in page and "owner@meta.example" in page


def test_failed_reminders_have_their_own_page_and_can_be_sent_again(
    staff_client, make_letter, people, run_pass,
):
    make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    run_pass(dt.date(2024, 2, 9))
    failed = Reminder.objects.filter(kind="before_due").first()
    Reminder.objects.filter(pk=failed.pk).update(state=DeliveryState.FAILED,
                                                 last_error="SMTPDataError: 554 rejected")

    page = staff_client.get("/admin/reminders/failedreminder/").content.decode()
    assert failed.recipient_email in page and "554 rejected" in page

    response = staff_client.post("/admin/reminders/reminder/", {
        "action": "retry", "_selected_action": [failed.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (DeliveryState.PENDING, 0)


def test_a_company_schedule_can_be_edited(staff_client):
    assert staff_client.get("/admin/reminders/companyschedule/add/").status_code == 200


def test_reassigning_a_letter_in_the_admin_notifies_the_new_owner_at_once(
    staff_client, make_letter, people, in_geneva, django_capture_on_commit_callbacks,
):
    from django.core import mail
    from django.urls import reverse

    from reminders import services
    from tests.admin_forms import change_form_data, form_errors

    letter = make_letter(dt.date(2024, 1, 10), assignee=people.owner)
    with in_geneva(dt.date(2024, 1, 20)):
        form = change_form_data(letter)
        form["assignee"] = str(people.other_owner.pk)
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(
                reverse("admin:engagements_communication_change", args=[letter.pk]), form)
        assert response.status_code == 302, form_errors(response)
        notices = Reminder.objects.filter(communication=letter, kind="assigned",
                                          contact=people.other_owner)
        assert notices.count() == 1
        services.pending_deliver()
    sent = [m for m in mail.outbox if m.to[0].endswith("new-owner@meta.example>")
            or m.to[0] == "new-owner@meta.example"]
    assert [m.subject for m in sent] == [
        f"[{letter.reference}] Assigned to you: reply due in 50 days"]
