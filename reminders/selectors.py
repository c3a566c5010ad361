"""Reads the planner and the senders share: schedules, people, the digest's letters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from accounts.models import User
from companies.models import Contact, ContactRole
from engagements.models import Communication
from reminders.models import CompanySchedule
from reminders.recipients import PERSON_FIELDS, Person
from reminders.schedule import Schedule, default_schedule


def schedules_for(company_ids: Iterable[int]) -> dict[int, Schedule]:
    """Each company's schedule: its own where it has one, otherwise the default."""
    ids = set(company_ids)
    default = default_schedule()
    result = dict.fromkeys(ids, default)
    for own in CompanySchedule.objects.filter(company_id__in=ids):
        result[own.company_id] = Schedule.build(
            days_before_due=own.days_before_due, on_due_date=own.on_due_date,
            first_overdue_after_days=own.first_overdue_after_days,
            overdue_every_days=own.overdue_every_days,
        )
    return result


def schedule_for(company_id: int) -> Schedule:
    return schedules_for([company_id])[company_id]


def people_for(
    company_ids: Iterable[int], assignee_ids: Iterable[int]
) -> tuple[dict[int, list[Person]], dict[int, Person]]:
    """In one query: the leads and executives of each company, and the assignees by id."""
    company_ids, assignee_ids = set(company_ids), set(assignee_ids)
    rows = Contact.objects.filter(
        Q(company_id__in=company_ids,
          role__in=[ContactRole.HUMAN_RIGHTS_LEAD, ContactRole.SENIOR_EXECUTIVE])
        | Q(pk__in=assignee_ids)
    ).order_by("company_id", "role", "name", "pk").values_list("company_id", *PERSON_FIELDS)
    by_company: dict[int, list[Person]] = defaultdict(list)
    by_id: dict[int, Person] = {}
    for company_id, *fields in rows:
        person = Person(*fields)
        by_id[person.contact_id] = person
        if company_id in company_ids and person.role != ContactRole.ISSUE_OWNER:
            by_company[company_id].append(person)
    return by_company, by_id


def ohchr_staff() -> QuerySet[User]:
    """Who gets the weekly digest: OHCHR staff with an email address to send it to."""
    return User.objects.ohchr_staff().exclude(email="")


def digest_letters(today: dt.date, *, due_within_days: int) -> QuerySet[Communication]:
    """Letters awaiting a reply that are overdue or due within the window, by company."""
    return (Communication.objects.awaiting_reply()
            .filter(due_on__lte=today + dt.timedelta(days=due_within_days))
            .select_related("company")
            .order_by("company__name", "due_on", "reference"))
