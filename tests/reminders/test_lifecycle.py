"""A letter walked through its 60 days and beyond, with the clock frozen in Geneva.

The letter is sent on 10 January 2024 and due on 10 March 2024. Summer time begins in
Geneva on 31 March 2024, between the third and the fourth overdue reminders; the planner
runs just after midnight and just before midnight every day, so a step that slipped a day
either way around a DST change would show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from engagements import services as engagement_services
from reminders.models import DeliveryState, Reminder
from tests.factories import StaffUserFactory
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)
DUE = dt.date(2024, 3, 10)


def walk(run_pass, start: dt.date, end: dt.date, hours=(0, 23)) -> dict[dt.date, list]:
    """Run the planner at each hour of each day from start to end; emails by date."""
    sent = defaultdict(list)
    day = start
    while day <= end:
        for hour in hours:
            for email in run_pass(day, hour, 5 if hour == 0 else 55):
                if not email.subject.startswith("[B-Tech digest"):  # tested on their own
                    sent[day].append((email.to, email.subject))
        day += dt.timedelta(days=1)
    return dict(sent)


def routine(subject: str) -> list[tuple[str, str]]:
    return sorted([("lead@meta.example", subject), ("owner@meta.example", subject)])


def escalated(subject: str) -> list[tuple[str, str]]:
    return sorted([*routine(subject), ("ceo@meta.example", subject)])


def test_each_step_goes_once_to_the_right_people_until_the_final_reply(
    make_letter, people, run_pass, in_geneva,
):
    letter = make_letter(SENT, assignee=people.owner, acknowledged=False)
    ref = f"[{letter.reference}]"

    sent = walk(run_pass, SENT, dt.date(2024, 4, 12))

    assert {day: sorted(emails) for day, emails in sent.items()} == {
        # Logged on Wednesday 10 January: the owner and the lead hear of it at once.
        SENT: routine(f"{ref} New letter: reply due in 60 days"),
        # Nobody acknowledged receipt: five working days later, then ten, with the
        # senior executive told the second time.
        dt.date(2024, 1, 17): routine(f"{ref} Please acknowledge receipt: reply due in 53 days"),
        dt.date(2024, 1, 24): escalated(f"{ref} Receipt not acknowledged: reply due in 46 days"),
        dt.date(2024, 2, 9): routine(f"{ref} Reply due in 30 days"),
        dt.date(2024, 2, 25): routine(f"{ref} Reply due in 14 days"),
        dt.date(2024, 3, 3): routine(f"{ref} Reply due in 7 days"),
        dt.date(2024, 3, 8): routine(f"{ref} Reply due in 2 days"),
        dt.date(2024, 3, 10): routine(f"{ref} Reply due today"),
        # From the first overdue reminder, the senior executive is told too.
        dt.date(2024, 3, 11): escalated(f"{ref} Reply overdue by 1 day"),
        dt.date(2024, 3, 18): escalated(f"{ref} Reply overdue by 8 days"),
        dt.date(2024, 3, 25): escalated(f"{ref} Reply overdue by 15 days"),
        # Summer time began on 31 March: still on its Geneva date.
        dt.date(2024, 4, 1): escalated(f"{ref} Reply overdue by 22 days"),
        dt.date(2024, 4, 8): escalated(f"{ref} Reply overdue by 29 days"),
    }

    with in_geneva(dt.date(2024, 4, 12)):
        engagement_services.response_log(
            communication=letter, kind="final", received_on=dt.date(2024, 4, 12),
            body="Our reply.", logged_by=StaffUserFactory())
    assert walk(run_pass, dt.date(2024, 4, 13), dt.date(2024, 5, 31)) == {}
    assert not Reminder.objects.exclude(state=DeliveryState.SENT).exists()


def test_an_interim_reply_does_not_stop_reminders(make_letter, people, run_pass, in_geneva):
    letter = make_letter(SENT, assignee=people.owner)
    walk(run_pass, SENT, dt.date(2024, 2, 25), hours=(12,))
    with in_geneva(dt.date(2024, 3, 1)):
        engagement_services.response_log(
            communication=letter, kind="interim", received_on=dt.date(2024, 3, 1),
            body="We are looking into it.", logged_by=StaffUserFactory())
    sent = walk(run_pass, dt.date(2024, 2, 26), dt.date(2024, 3, 11), hours=(12,))
    assert sorted(sent) == [dt.date(2024, 3, 3), dt.date(2024, 3, 8), dt.date(2024, 3, 10),
                            dt.date(2024, 3, 11)]


def test_a_final_reply_cancels_a_reminder_planned_but_not_yet_sent(
    make_letter, people, in_geneva,
):
    from reminders import planner, services

    letter = make_letter(SENT, assignee=people.owner)
    with in_geneva(dt.date(2024, 3, 3)):
        planner.plan_pass(enqueue=False)
        engagement_services.response_log(
            communication=letter, kind="final", received_on=dt.date(2024, 3, 3),
            body="Our reply.", logged_by=StaffUserFactory())
        result = services.pending_deliver()
    assert result.sent == []
    assert set(Reminder.objects.filter(kind="before_due").values_list("state", "cancel_reason")
               ) == {(DeliveryState.CANCELLED, "The final reply has been logged.")}


def test_an_extension_moves_the_schedule(make_letter, people, run_pass, in_geneva):
    letter = make_letter(SENT, assignee=people.owner)
    walk(run_pass, SENT, dt.date(2024, 3, 4), hours=(12,))  # "due in 7 days" went on 3 March
    with in_geneva(dt.date(2024, 3, 5)):
        letter.refresh_from_db()
        engagement_services.deadline_extend(
            communication=letter, extended_to=dt.date(2024, 4, 10),
            reason="The company asked for time to consult its teams.",
            granted_by=StaffUserFactory())
    ref = f"[{letter.reference}]"

    sent = walk(run_pass, dt.date(2024, 3, 5), dt.date(2024, 4, 11), hours=(0, 23))

    assert {day: sorted(emails) for day, emails in sent.items()} == {
        # Nothing on the old 8 and 10 March steps; the new due date's schedule instead.
        dt.date(2024, 3, 11): routine(f"{ref} Reply due in 30 days"),
        dt.date(2024, 3, 27): routine(f"{ref} Reply due in 14 days"),
        dt.date(2024, 4, 3): routine(f"{ref} Reply due in 7 days"),
        dt.date(2024, 4, 8): routine(f"{ref} Reply due in 2 days"),
        dt.date(2024, 4, 10): routine(f"{ref} Reply due today"),
        dt.date(2024, 4, 11): escalated(f"{ref} Reply overdue by 1 day"),
    }


def test_a_reassignment_redirects_reminders_and_tells_the_new_owner_at_once(
    make_letter, people, run_pass, in_geneva,
):
    letter = make_letter(SENT, assignee=people.owner)
    walk(run_pass, SENT, dt.date(2024, 2, 19), hours=(12,))
    ref = f"[{letter.reference}]"
    with in_geneva(dt.date(2024, 2, 20)):
        letter.refresh_from_db()
        engagement_services.communication_assign(
            communication=letter, assignee=people.other_owner, assigned_by=None)

    sent = walk(run_pass, dt.date(2024, 2, 20), dt.date(2024, 2, 26), hours=(12,))

    assert sent == {
        dt.date(2024, 2, 20): [("new-owner@meta.example",
                                f"{ref} Assigned to you: reply due in 19 days")],
        dt.date(2024, 2, 25): [("new-owner@meta.example", f"{ref} Reply due in 14 days"),
                               ("lead@meta.example", f"{ref} Reply due in 14 days")],
    }


def test_a_reminder_planned_for_the_old_owner_is_not_sent_after_a_reassignment(
    make_letter, people, in_geneva,
):
    from reminders import planner, services

    letter = make_letter(SENT, assignee=people.owner)
    with in_geneva(dt.date(2024, 2, 25)):
        planner.plan_pass(enqueue=False)
        engagement_services.communication_assign(
            communication=letter, assignee=people.other_owner, assigned_by=None)
        services.pending_deliver()
    old = Reminder.objects.get(recipient_email="owner@meta.example", kind="before_due")
    assert old.state == DeliveryState.CANCELLED


def test_a_paused_contact_gets_no_routine_reminder_but_escalations_are_not_optional(
    make_letter, people, run_pass,
):
    people.lead.reminders_paused_until = dt.date(2024, 3, 9)
    people.lead.save()
    people.executive.reminders_paused_until = dt.date(2024, 12, 31)
    people.executive.save()
    letter = make_letter(SENT, assignee=people.owner)
    ref = f"[{letter.reference}]"

    sent = walk(run_pass, dt.date(2024, 3, 1), dt.date(2024, 3, 11), hours=(12,))

    assert sent[dt.date(2024, 3, 3)] == [("owner@meta.example", f"{ref} Reply due in 7 days")]
    assert sorted(sent[dt.date(2024, 3, 10)]) == routine(f"{ref} Reply due today")
    assert sorted(sent[dt.date(2024, 3, 11)]) == escalated(f"{ref} Reply overdue by 1 day")


def test_after_an_outage_only_the_latest_step_goes_out(make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner)
    run_pass(dt.date(2024, 2, 1))  # the last pass before the outage
    ref = f"[{letter.reference}]"

    # Down from 2 February to 8 March: the 30, 14 and 7 day steps were missed.
    back = run_pass(dt.date(2024, 3, 9))
    assert sorted((e.to, e.subject) for e in back) == routine(f"{ref} Reply due in 1 day")
    assert run_pass(dt.date(2024, 3, 9), 18) == []


def test_after_an_outage_past_the_due_date_no_before_the_due_date_step_goes_out(
    make_letter, people, run_pass,
):
    letter = make_letter(SENT, assignee=people.owner)
    run_pass(dt.date(2024, 3, 4))
    ref = f"[{letter.reference}]"

    back = run_pass(dt.date(2024, 3, 13))

    assert sorted((e.to, e.subject) for e in back) == escalated(f"{ref} Reply overdue by 3 days")


def test_a_letter_logged_late_is_announced_once_and_reminded_from_the_next_step(
        make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner, logged_on=dt.date(2024, 2, 28))
    ref = f"[{letter.reference}]"

    sent = walk(run_pass, dt.date(2024, 2, 28), dt.date(2024, 3, 3), hours=(12,))

    # Not also "due in 11 days" on the day the notice gives the due date.
    assert {day: sorted(emails) for day, emails in sent.items()} == {
        dt.date(2024, 2, 28): routine(f"{ref} New letter: reply due in 11 days"),
        dt.date(2024, 3, 3): routine(f"{ref} Reply due in 7 days"),
    }


def test_a_historical_letter_is_not_announced_but_gets_the_overdue_reminder_it_missed(
        make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner, logged_on=dt.date(2024, 3, 12),
                         acknowledged=False)

    sent = run_pass(dt.date(2024, 3, 12))

    assert sorted((e.to, e.subject) for e in sent) == escalated(
        f"[{letter.reference}] Reply overdue by 2 days")
    assert not Reminder.objects.filter(kind__in=["new_letter", "not_acknowledged"]).exists()


def test_a_company_schedule_replaces_the_default(make_letter, people, run_pass, company_a):
    from reminders.models import CompanySchedule

    CompanySchedule.objects.create(company=company_a, days_before_due=[21, 3],
                                   on_due_date=False, first_overdue_after_days=2,
                                   overdue_every_days=14)
    letter = make_letter(SENT, assignee=people.owner)

    sent = walk(run_pass, SENT, dt.date(2024, 4, 1), hours=(12,))

    assert sorted(sent) == [SENT, dt.date(2024, 2, 18), dt.date(2024, 3, 7), dt.date(2024, 3, 12),
                            dt.date(2024, 3, 26)]
    assert sent[dt.date(2024, 3, 12)][0][1] == f"[{letter.reference}] Reply overdue by 2 days"


def test_the_due_date_falls_on_the_night_summer_time_ends(make_letter, people, run_pass):
    # Sent 28 August 2024, due 27 October 2024: clocks go back at 03:00 that night.
    letter = make_letter(dt.date(2024, 8, 28), assignee=people.owner)
    walk(run_pass, dt.date(2024, 10, 25), dt.date(2024, 10, 25), hours=(12,))
    ref = f"[{letter.reference}]"

    sent = walk(run_pass, dt.date(2024, 10, 26), dt.date(2024, 10, 29), hours=(0, 2, 3, 23))

    assert {day: sorted(emails) for day, emails in sent.items()} == {
        dt.date(2024, 10, 27): routine(f"{ref} Reply due today"),
        dt.date(2024, 10, 28): escalated(f"{ref} Reply overdue by 1 day"),
    }


def test_a_new_owner_is_told_at_once_with_the_handover_note(
    make_letter, people, run_pass, in_geneva,
):
    letter = make_letter(SENT)
    run_pass(SENT)  # the new-letter notice
    with in_geneva(dt.date(2024, 1, 15)):
        engagement_services.communication_assign(
            communication=letter, assignee=people.other_owner, assigned_by=None,
            note="Legal has the background; call Ana first.")
    sent = run_pass(dt.date(2024, 1, 15))
    assert [(e.to, e.subject) for e in sent] == [
        ("new-owner@meta.example", f"[{letter.reference}] Assigned to you: reply due in 55 days")]
    from django.core import mail

    assert "Note for you: Legal has the background; call Ana first." in mail.outbox[-1].body


def test_an_owner_who_assigns_the_letter_to_themselves_gets_no_email(
    make_letter, people, run_pass, in_geneva,
):
    from tests.factories import UserFactory

    letter = make_letter(SENT)
    run_pass(SENT)  # the new-letter notice
    people.other_owner.user = UserFactory.create(username="nina", company=letter.company)
    people.other_owner.save()
    with in_geneva(dt.date(2024, 1, 15)):
        letter = engagement_services.communication_assign(
            communication=letter, assignee=people.other_owner,
            assigned_by=people.other_owner.user)
    assert run_pass(dt.date(2024, 1, 15)) == []
    assert letter.assignee == people.other_owner
    assert letter.handovers.get().to_contact == people.other_owner


def test_one_letter_that_cannot_be_planned_does_not_stop_the_others(
    make_letter, people, run_pass, caplog,
):
    from engagements.models import Communication

    good = make_letter(SENT, assignee=people.owner)
    bad = make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    # Bad data written around validation: no date exists after this due date.
    Communication.objects.filter(pk=bad.pk).update(due_on=dt.date.max)

    sent = run_pass(dt.date(2024, 2, 9))

    assert {e.subject for e in sent} == {f"[{good.reference}] Reply due in 30 days"}
    assert f"cannot plan reminders for letter {bad.pk}" in caplog.text
    bad.refresh_from_db()
    assert bad.next_reminder_on == dt.date(2024, 2, 10)  # looked at again tomorrow


def test_a_letter_whose_reminder_cannot_be_stored_is_flagged_and_the_others_go_out(
    make_letter, people, run_pass, in_geneva, legacy_letters, staff_client,
):
    from engagements.models import Communication
    from reminders.models import PlanningError

    good = make_letter(SENT, assignee=people.owner)
    ancient = make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    # Logged as sent "in year 1", as the API once accepted: overdue by more days than a
    # reminder row can hold, which used to fail the pass's one INSERT for every letter.
    Communication.objects.filter(pk=ancient.pk).update(
        sent_on=dt.date(1, 1, 1), due_on=dt.date(1, 3, 2), public_on=dt.date(1, 3, 2),
        next_reminder_on=dt.date(1, 1, 1))

    sent = run_pass(dt.date(2024, 2, 9))

    assert {e.subject for e in sent if "digest" not in e.subject} == {
        f"[{good.reference}] Reply due in 30 days"}
    flag = PlanningError.objects.get()
    assert flag.communication_id == ancient.pk
    assert "0001-03-02" in flag.error
    # Staff see it in the admin: in its own list and on the letter's page.
    listed = staff_client.get("/admin/reminders/planningerror/").content.decode()
    assert ancient.reference in listed
    page = staff_client.get(f"/admin/engagements/communication/{ancient.pk}/change/")
    assert "0001-03-02" in page.content.decode()
    assert staff_client.get("/health/reminders/").json()["letters_not_planned"] == 1

    # Corrected, the letter is planned again and the flag goes.
    with in_geneva(dt.date(2024, 2, 9)):
        engagement_services.communication_update(communication=ancient, sent_on=SENT)
    run_pass(dt.date(2024, 2, 10))
    assert not PlanningError.objects.exists()


def test_a_letter_written_around_save_is_still_planned(people, run_pass, in_geneva, company_a):
    from engagements.models import Communication
    from tests.factories import CommunicationFactory

    with in_geneva(dt.date(2024, 2, 1)):
        letter = CommunicationFactory(company=company_a, sent_on=SENT, assignee=people.owner,
                                      acknowledged_at=at_geneva(dt.date(2024, 2, 1)))
    Communication.objects.filter(pk=letter.pk).update(next_reminder_on=None)  # bulk_create

    sent = run_pass(dt.date(2024, 2, 9))

    assert sorted((e.to, e.subject) for e in sent) == routine(
        f"[{letter.reference}] Reply due in 30 days")
