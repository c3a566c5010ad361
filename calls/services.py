"""Writes to calls for input, participations and follows: the one write path.

The API, the web pages, the admin and the demo loader call these. As for letters
(engagements/services.py), each service takes the row it changes with SELECT ... FOR
UPDATE and works on that fresh copy, validates with full_clean() and saves the fields
it changed. A participation is written under the lock of its call's row, so two people
of one company marking their intent at once queue up instead of racing to insert the
(call, company) row twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from btech.office_time import office_today
from calls.models import CallFollow, CallForInput, CallParticipation
from engagements.policy import CallAction, may_call
from webhooks.services import object_event

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Company
    from mandates.models import Mandate
    from topics.models import Topic


def _locked(call: CallForInput | int) -> CallForInput:
    pk = call if isinstance(call, int) else call.pk
    return CallForInput.objects.select_for_update().get(pk=pk)


def _require_mandates(mandates: Iterable[Mandate]) -> list[Mandate]:
    chosen = list(mandates)
    if not chosen:
        raise ValidationError({"mandates": gettext("At least one mandate issues the call.")})
    return chosen


@transaction.atomic
def call_create(
    *,
    title: str,
    mandates: Iterable[Mandate],
    report_body: str,
    report_year: int,
    opened_on: dt.date,
    deadline: dt.date,
    report_session: int | None = None,
    questions: str = "",
    official_url: str = "",
    languages: Iterable[str] = ("en", "fr", "es"),
    topics: Iterable[Topic] = (),
    title_fr: str = "",
    title_es: str = "",
    created_by: User | None = None,
) -> CallForInput:
    """Publish a call for input."""
    mandate_list = _require_mandates(mandates)
    call = CallForInput(
        title=title, title_fr=title_fr, title_es=title_es, report_body=report_body,
        report_session=report_session, report_year=report_year, questions=questions,
        opened_on=opened_on, deadline=deadline, official_url=official_url,
        languages=list(languages), created_by=created_by,
    )
    call.full_clean()
    call.save()
    call.mandates.set(mandate_list)
    call.topics.set(list(topics))
    object_event("call.opened", call.pk)
    return call


class CallChanges(TypedDict, total=False):
    """What call_update may change; a key left out is left as it is."""

    title: str
    title_fr: str
    title_es: str
    mandates: Iterable[Mandate]
    report_body: str
    report_session: int | None
    report_year: int
    questions: str
    opened_on: dt.date
    deadline: dt.date
    official_url: str
    languages: Iterable[str]
    topics: Iterable[Topic]


_CALL_COLUMNS = ("title", "title_fr", "title_es", "report_body", "report_session",
                 "report_year", "questions", "opened_on", "deadline", "official_url")


@transaction.atomic
def call_update(*, call: CallForInput, **changes: Unpack[CallChanges]) -> CallForInput:
    """Change a call's fields. A moved deadline gives its reminders a fresh schedule
    (the deadline is part of each reminder's step)."""
    locked = _locked(call)
    mandate_list = _require_mandates(changes["mandates"]) if "mandates" in changes else None
    fields = []
    for name in _CALL_COLUMNS:
        if name in changes:
            setattr(locked, name, changes[name])  # type: ignore[literal-required]
            fields.append(name)
    if "languages" in changes:
        locked.languages = list(changes["languages"])
        fields.append("languages")
    locked.full_clean()
    if fields:
        locked.save(update_fields=[*fields, "updated_at"])
    if mandate_list is not None:
        locked.mandates.set(mandate_list)
    if "topics" in changes:
        locked.topics.set(list(changes["topics"]))
    return locked


@transaction.atomic
def call_close(*, call: CallForInput, closed_by: User | None) -> CallForInput:
    """Close a call before its deadline (it closes by itself after it): no more
    reminders; a submission recorded afterwards is kept and marked late."""
    locked = _locked(call)
    if locked.closed_at is not None:
        raise ValidationError({"closed_at": gettext("The call is already closed.")})
    locked.closed_at = timezone.now()
    locked.closed_by = closed_by
    locked.save(update_fields=["closed_at", "closed_by", "updated_at"])
    return locked


@transaction.atomic
def call_reopen(*, call: CallForInput) -> CallForInput:
    locked = _locked(call)
    locked.closed_at = None
    locked.closed_by = None
    locked.save(update_fields=["closed_at", "closed_by", "updated_at"])
    return locked


@transaction.atomic
def call_delete(*, call: CallForInput) -> None:
    """Remove a call published by mistake, with its participations, follows and
    reminders (their history stays in the event tables)."""
    locked = _locked(call)
    files = [p.submission.name for p in locked.participations.all() if p.submission]
    locked.delete()
    storage = CallParticipation._meta.get_field("submission").storage

    def remove_files() -> None:
        for name in files:
            if name:
                storage.delete(name)

    transaction.on_commit(remove_files)


# --- a company's participation -----------------------------------------------------------

def _check_company(user: User, company: Company) -> None:
    """A company user writes only their own company's participation. The message names
    the field and says nothing of the other company's participation."""
    if not may_call(user, CallAction.PARTICIPATE, company.pk):
        raise ValidationError({"company": gettext(
            "You can only record your own company's participation.")})


class ParticipationChanges(TypedDict, total=False):
    """What participation_update may change; a key left out is left as it is."""

    intends_to_submit: bool
    submitted_on: dt.date | None
    submission: File[bytes] | None  # None removes the PDF
    may_publish: bool


@transaction.atomic
def participation_update(
    *, call: CallForInput, company: Company, user: User,
    **changes: Unpack[ParticipationChanges],
) -> CallParticipation:
    """Write a company's participation in a call: its intent to submit, then its
    submission (date, PDF, may it be published). A submission after the call closed is
    kept and marked late, never refused. Recording a submission implies the intent.

    Marking the intent makes the company's users follow the call (its deadline is in
    their calendar feed) and its human-rights leads get the reminders 14 and 3 days
    before the deadline; withdrawing it or recording the submission stops them (the
    reminders are rechecked before sending).
    """
    _check_company(user, company)
    locked_call = _locked(call)  # serialises the first insert of (call, company)
    participation = (CallParticipation.objects.select_for_update()
                     .filter(call=locked_call, company=company).first())
    if participation is None:
        participation = CallParticipation(call=locked_call, company=company)
    participation.call = locked_call
    now = timezone.now()
    errors: dict[str, str] = {}
    submitted_on = changes.get("submitted_on", participation.submitted_on)
    if "submitted_on" in changes and submitted_on is not None:
        if submitted_on > office_today():
            errors["submitted_on"] = gettext("A submission cannot be sent in the future.")
        elif submitted_on < locked_call.opened_on:
            errors["submitted_on"] = gettext(
                "A submission is sent once the call has opened (%(opened_on)s).") % {
                "opened_on": locked_call.opened_on.isoformat()}
    if "submission" in changes and changes["submission"] is not None and submitted_on is None:
        errors["submitted_on"] = gettext("Give the date the submission was sent.")
    intends = changes.get("intends_to_submit", participation.intends_to_submit)
    if submitted_on is not None and "intends_to_submit" in changes and not intends:
        errors["intends_to_submit"] = gettext(
            "The submission is recorded: remove its date first to withdraw the intent.")
    if errors:
        raise ValidationError(errors)
    if submitted_on is not None:
        intends = True
    if intends and not participation.intends_to_submit:
        participation.intent_at, participation.intent_by = now, user
    participation.intends_to_submit = intends
    if "submitted_on" in changes:
        participation.submitted_on = submitted_on
        participation.recorded_at = now if submitted_on is not None else None
        participation.recorded_by = user if submitted_on is not None else None
    if "submission" in changes:
        pdf = changes["submission"]
        participation.submission = pdf if pdf is not None else ""
    if "may_publish" in changes:
        participation.may_publish = changes["may_publish"]
    participation.full_clean()
    participation.save()
    object_event("call.participation_recorded", participation.pk, company.pk)
    return participation


# --- following a call ------------------------------------------------------------------

def call_follow(*, call: CallForInput, user: User) -> CallFollow:
    """Follow a call: its deadline appears in the person's calendar feed while open."""
    if not may_call(user, CallAction.FOLLOW):
        raise ValidationError({"user": gettext("Sign in to follow a call.")})
    follow, _created = CallFollow.objects.get_or_create(call=call, user=user)
    return follow


def call_unfollow(*, call: CallForInput, user: User) -> None:
    CallFollow.objects.filter(call=call, user=user).delete()
