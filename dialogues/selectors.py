"""Reads of dialogues and follow-up actions: always through the one visibility rule."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from dialogues.models import (
    Dialogue,
    DialogueCompany,
    FollowUpAction,
    FollowUpActionQuerySet,
    Question,
)
from engagements.models import Communication
from mandates.models import Mandate, MandateHolder

if TYPE_CHECKING:
    from accounts.models import User


def with_list_relations(dialogues: QuerySet[Dialogue]) -> QuerySet[Dialogue]:
    """A fixed number of queries for a page of dialogues, whatever its size."""
    return (dialogues.select_related("organiser_mandate", "organiser_company")
            .prefetch_related(
                Prefetch("participations", queryset=DialogueCompany.objects.order_by(
                    "name_then")),
                Prefetch("mandates", queryset=Mandate.objects.prefetch_related("holders")),
                "topics")
            .annotate(question_count=Count("questions", distinct=True))
            # Newest first (an aggregate drops the model's own ordering).
            .order_by("-starts_at", "pk"))


def with_detail_relations(dialogues: QuerySet[Dialogue]) -> QuerySet[Dialogue]:
    return with_list_relations(dialogues).prefetch_related(
        Prefetch("representatives", queryset=_contacts()),
        "letters", "documents",
        Prefetch("questions", queryset=Question.objects.select_related(
            "asked_by_mandate", "asked_by_company", "addressed_to_company", "topic")),
        Prefetch("actions", queryset=with_action_relations(FollowUpAction.objects.all())),
    )


def _contacts() -> QuerySet[Any]:
    from companies.models import Contact

    return Contact.objects.select_related("company").order_by("company__name", "name")


def dialogue_for(user: User | Any, pk: int) -> Dialogue:
    """The dialogue, if `user` may see it in full; a 404 otherwise (never a 403)."""
    dialogue = with_detail_relations(Dialogue.objects.visible_to(user)).filter(pk=pk).first()
    if dialogue is None:
        raise Http404("No such dialogue.")
    return dialogue


def public_dialogue_for(pk: int) -> Dialogue:
    dialogue = with_list_relations(Dialogue.objects.published()).filter(pk=pk).first()
    if dialogue is None:
        raise Http404("No such dialogue.")
    return dialogue


def holders_by_mandate(dialogue: Dialogue) -> list[tuple[Mandate, list[MandateHolder]]]:
    """Each mandate taking part with whoever held it on the day of the dialogue (the
    holders were prefetched: no query)."""
    day = dialogue.held_on
    return [(mandate, [*record.current, *record.last])
            for mandate in dialogue.mandates.all()
            for record in [mandate.holders_on_record(day)]]


def with_action_relations(actions: QuerySet[FollowUpAction]) -> QuerySet[FollowUpAction]:
    return actions.select_related("owner_contact__company", "owner_user", "owner_mandate",
                                  "company", "dialogue", "communication", "response")


def action_for(user: User | Any, pk: int) -> FollowUpAction:
    action = with_action_relations(FollowUpAction.objects.visible_to(user)).filter(
        pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    return action


def my_actions(user: User | Any, today: dt.date) -> FollowUpActionQuerySet:
    """My work's follow-up actions: the pending ones the user's company owns, soonest
    due first (overdue ones first of all)."""
    company_id = getattr(user, "company_id", None)
    if not company_id:
        return FollowUpAction.objects.none()
    return with_action_relations(  # type: ignore[return-value]
        FollowUpAction.objects.visible_to(user).pending().filter(company_id=company_id)
    ).order_by("due_on", "pk")


def overdue_actions_per_company(today: dt.date) -> list[dict[str, Any]]:
    """The board's count: pending actions past their due date, per owning company
    (actions owned by OHCHR staff or a mandate counted under no company)."""
    rows: list[dict[str, Any]] = [
        dict(row) for row in FollowUpAction.objects.overdue(today)
        .values("company_id", "company__name").annotate(overdue=Count("pk"))
        .order_by("-overdue", "company__name")]
    return rows


def actions_due_for_calendar(user: User | Any) -> QuerySet[FollowUpAction]:
    return with_action_relations(FollowUpAction.objects.visible_to(user).pending())


def answerable(questions: list[Question], company_id: int | None) -> set[int]:
    return {q.pk for q in questions if company_id and q.addressed_to_company_id == company_id}




def visible_letters(user: User | Any, dialogue: Dialogue) -> list[Communication]:
    """The dialogue's related letters that `user` may see (one query at most)."""
    letters = list(dialogue.letters.all())
    if not letters:
        return []
    visible = set(Communication.objects.visible_to(user).filter(
        pk__in=[letter.pk for letter in letters]).values_list("pk", flat=True))
    return [letter for letter in letters if letter.pk in visible]
