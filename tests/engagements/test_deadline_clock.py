"""The 60-day clock as people see it: due dates, public dates, statuses, days left."""

from __future__ import annotations

import datetime as dt

import pytest

from engagements import services
from engagements.deadlines import DeadlineStatus
from engagements.models import Communication
from tests.factories import CommunicationFactory, ResponseFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_a_letter_sent_on_1_march_is_due_and_public_on_30_april(frozen_today):
    frozen_today(dt.date(2023, 3, 10))
    letter = CommunicationFactory(sent_on=dt.date(2023, 3, 1))
    assert letter.due_on == dt.date(2023, 4, 30)
    assert letter.public_on == dt.date(2023, 4, 30)
    assert letter.days_remaining() == 51
    assert letter.deadline_status() == DeadlineStatus.OPEN


def test_a_leap_year_1_march_letter_is_due_on_30_april(frozen_today):
    frozen_today(dt.date(2024, 3, 1))
    letter = CommunicationFactory(sent_on=dt.date(2024, 3, 1))
    assert letter.due_on == dt.date(2024, 4, 30)


def test_a_letter_sent_on_30_december_is_due_in_the_next_year(frozen_today):
    frozen_today(dt.date(2023, 1, 5))
    letter = CommunicationFactory(sent_on=dt.date(2022, 12, 30))
    assert letter.reference.endswith("/2022")
    assert letter.due_on == dt.date(2023, 2, 28)
    assert letter.public_on == dt.date(2023, 2, 28)


@pytest.mark.parametrize(
    ("today", "status", "days"),
    [
        (dt.date(2024, 4, 19), DeadlineStatus.OPEN, 59),
        (dt.date(2024, 6, 2), DeadlineStatus.OPEN, 15),
        (dt.date(2024, 6, 3), DeadlineStatus.DUE_SOON, 14),
        (dt.date(2024, 6, 17), DeadlineStatus.DUE_SOON, 0),
        (dt.date(2024, 6, 18), DeadlineStatus.OVERDUE, -1),
        (dt.date(2024, 8, 1), DeadlineStatus.OVERDUE, -45),
    ],
)
def test_status_moves_from_open_to_due_soon_to_overdue(frozen_today, today, status, days):
    # Sent 18 April 2024, like the letters to Meta, X, Google and Telegram.
    frozen_today(dt.date(2024, 4, 18))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    assert letter.due_on == dt.date(2024, 6, 17)
    frozen_today(today)
    assert letter.deadline_status() == status
    assert letter.days_remaining() == days
    assert set(Communication.objects.with_status(status)) == {letter}


def test_the_worked_example_becomes_public_on_16_june_2024(frozen_today):
    # Letters sent 18 April 2024 were published 16 June 2024: 59 days, the publication
    # running the day before the 60-day mark. Our public date is the 60-day mark.
    frozen_today(dt.date(2024, 4, 18))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    frozen_today(dt.date(2024, 6, 16))
    assert not letter.is_public()
    frozen_today(dt.date(2024, 6, 17))
    assert letter.is_public()


@pytest.mark.parametrize(
    ("utc_moment", "expected_today"),
    [
        # Spring forward, 31 March 2024: Geneva is UTC+2 from 01:00 UTC.
        (dt.datetime(2024, 3, 30, 22, 59, tzinfo=dt.UTC), dt.date(2024, 3, 30)),
        (dt.datetime(2024, 3, 30, 23, 0, tzinfo=dt.UTC), dt.date(2024, 3, 31)),
        (dt.datetime(2024, 3, 31, 21, 59, tzinfo=dt.UTC), dt.date(2024, 3, 31)),
        (dt.datetime(2024, 3, 31, 22, 0, tzinfo=dt.UTC), dt.date(2024, 4, 1)),
        # Fall back, 27 October 2024: Geneva is UTC+1 again from 01:00 UTC.
        (dt.datetime(2024, 10, 26, 21, 59, tzinfo=dt.UTC), dt.date(2024, 10, 26)),
        (dt.datetime(2024, 10, 26, 22, 0, tzinfo=dt.UTC), dt.date(2024, 10, 27)),
        (dt.datetime(2024, 10, 27, 22, 59, tzinfo=dt.UTC), dt.date(2024, 10, 27)),
        (dt.datetime(2024, 10, 27, 23, 0, tzinfo=dt.UTC), dt.date(2024, 10, 28)),
    ],
)
def test_today_is_the_geneva_date_across_dst_changes(utc_moment, expected_today):
    import time_machine

    from btech.office_time import office_today

    # A letter due on the day "today" becomes, around midnight Geneva time.
    with time_machine.travel(utc_moment - dt.timedelta(days=1), tick=False):
        letter = CommunicationFactory(sent_on=expected_today - dt.timedelta(days=60))
    with time_machine.travel(utc_moment, tick=False):
        assert office_today() == expected_today
        assert letter.days_remaining() == 0
        assert letter.deadline_status() == DeadlineStatus.DUE_SOON


def test_a_letter_due_across_the_autumn_change_counts_whole_days(frozen_today):
    frozen_today(dt.date(2024, 10, 20))
    letter = CommunicationFactory(sent_on=dt.date(2024, 8, 30))  # due 29 October
    assert letter.days_remaining() == 9
    frozen_today(dt.date(2024, 10, 28), hour=0)  # just after midnight, after the change
    assert letter.days_remaining() == 1


def test_an_extension_moves_the_due_date_but_not_the_public_date(frozen_today):
    frozen_today(dt.date(2024, 6, 20))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    assert letter.deadline_status() == DeadlineStatus.OVERDUE
    services.deadline_extend(
        communication=letter, extended_to=dt.date(2024, 7, 31),
        reason="The company asked for time to consult the affected users.",
        granted_by=StaffUserFactory(),
    )
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2024, 7, 31)
    assert letter.public_on == dt.date(2024, 6, 17)
    assert letter.deadline_status() == DeadlineStatus.OPEN
    assert letter.days_remaining() == 41
    assert letter.extension_granted_by is not None


def test_an_interim_reply_does_not_stop_the_clock_and_a_final_one_does(frozen_today):
    frozen_today(dt.date(2024, 4, 18))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    frozen_today(dt.date(2024, 5, 2))
    services.response_log(communication=letter, kind="interim",
                          received_on=dt.date(2024, 5, 2), body="We are looking into it.",
                          logged_by=None)
    letter.refresh_from_db()
    assert letter.final_reply_on is None
    frozen_today(dt.date(2024, 6, 20))
    assert letter.deadline_status() == DeadlineStatus.OVERDUE
    services.response_log(communication=letter, kind="final",
                          received_on=dt.date(2024, 6, 20), body="Our full answer.",
                          logged_by=None)
    letter.refresh_from_db()
    assert letter.final_reply_on == dt.date(2024, 6, 20)
    assert letter.deadline_status() == DeadlineStatus.REPLIED_LATE


def test_a_final_reply_on_the_due_date_itself_is_on_time(frozen_today):
    frozen_today(dt.date(2024, 6, 17))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    ResponseFactory(communication=letter, received_on=dt.date(2024, 6, 17))
    letter.refresh_from_db()
    assert letter.deadline_status() == DeadlineStatus.REPLIED_ON_TIME
    frozen_today(dt.date(2025, 1, 1))
    assert letter.deadline_status() == DeadlineStatus.REPLIED_ON_TIME


def test_a_final_reply_the_day_after_is_late(frozen_today):
    frozen_today(dt.date(2024, 6, 18))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    ResponseFactory(communication=letter, received_on=dt.date(2024, 6, 18))
    letter.refresh_from_db()
    assert letter.deadline_status() == DeadlineStatus.REPLIED_LATE


def test_a_press_release_makes_the_letter_public_early(frozen_today):
    frozen_today(dt.date(2024, 4, 25))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18),
                                  press_release_on=dt.date(2024, 4, 24))
    assert letter.public_on == dt.date(2024, 4, 24)
    assert letter.is_public()
    assert letter.due_on == dt.date(2024, 6, 17)


def test_sql_and_python_statuses_agree_for_every_letter(frozen_today):
    today = frozen_today(dt.date(2024, 6, 10))
    letters = [CommunicationFactory(sent_on=today - dt.timedelta(days=age))
               for age in (1, 45, 46, 59, 60, 61, 80)]
    ResponseFactory(communication=letters[0], received_on=today)
    ResponseFactory(communication=letters[6], received_on=today)
    from engagements.deadlines import status_expression

    annotated = dict(Communication.objects.annotate(status=status_expression(today))
                     .values_list("pk", "status"))
    for letter in Communication.objects.all():
        assert annotated[letter.pk] == letter.deadline_status(today), letter.sent_on
    assert set(annotated.values()) == set(DeadlineStatus.values)


def test_sql_and_python_agree_on_which_replies_were_on_time(frozen_today):
    frozen_today(dt.date(2024, 6, 20))
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18))  # due 17 June
    for received_on in (dt.date(2024, 6, 16), dt.date(2024, 6, 17), dt.date(2024, 6, 18)):
        ResponseFactory(communication=letter, kind="interim", received_on=received_on)
    from django.db.models import BooleanField, ExpressionWrapper

    from engagements.deadlines import replied_on_time_q
    from engagements.models import Response

    in_sql = dict(Response.objects.annotate(on_time=ExpressionWrapper(
        replied_on_time_q("received_on", "communication__due_on"), output_field=BooleanField(),
    )).values_list("received_on", "on_time"))
    in_python = {reply.received_on: reply.on_time for reply in Response.objects.all()}
    assert in_sql == in_python == {dt.date(2024, 6, 16): True, dt.date(2024, 6, 17): True,
                                   dt.date(2024, 6, 18): False}


@pytest.mark.parametrize("hour", [0, 23])  # either side of the Geneva-UTC difference
def test_sql_and_python_agree_on_which_letters_are_historical(frozen_today, hour):
    # Logged on 17 June 2024 in Geneva, around midnight: a letter sent 18 April is due
    # 17 June, so it is still news that day; one sent 17 April is due 16 June, so it is
    # a record of the past.
    from btech.office_time import office_date_expression
    from engagements.deadlines import historical_q

    frozen_today(dt.date(2024, 6, 17), hour=hour)
    news = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    past = CommunicationFactory(sent_on=dt.date(2024, 4, 17))
    assert (news.is_historical(), past.is_historical()) == (False, True)
    sql = set(Communication.objects.filter(historical_q(office_date_expression("created_at"))))
    assert sql == {past}


def test_due_within_counts_both_ends_and_only_letters_awaiting_a_reply(frozen_today):
    from engagements.deadlines import due_within_q

    today = frozen_today(dt.date(2024, 6, 10))
    due = {days: CommunicationFactory(sent_on=today + dt.timedelta(days=days - 60))
           for days in (-1, 0, 7, 8)}
    answered = CommunicationFactory(sent_on=today + dt.timedelta(days=3 - 60))
    ResponseFactory(communication=answered, received_on=today)
    within = set(Communication.objects.filter(due_within_q(today, dt.timedelta(days=7))))
    assert within == {due[0], due[7]}


@pytest.mark.parametrize(("start", "end", "days"), [
    (dt.date(2024, 6, 7), dt.date(2024, 6, 7), 0),    # Friday, same day
    (dt.date(2024, 6, 7), dt.date(2024, 6, 9), 0),    # Friday to Sunday
    (dt.date(2024, 6, 7), dt.date(2024, 6, 10), 1),   # Friday to Monday
    (dt.date(2024, 6, 8), dt.date(2024, 6, 14), 5),   # Saturday to Friday
    (dt.date(2024, 6, 3), dt.date(2024, 6, 24), 15),  # three weeks
    (dt.date(2024, 6, 10), dt.date(2024, 6, 3), 0),   # backwards
])
def test_working_days_between_counts_weekdays_after_the_start(start, end, days):
    from btech.office_time import add_working_days, working_days_between

    assert working_days_between(start, end) == days
    if days:
        assert add_working_days(start, days) <= end < add_working_days(start, days + 1)
