"""The follow-up actions on pages of other apps: My work, the board and the letter page.
Each tag reads through the one visibility rule and costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django import template

from btech.office_time import office_today
from companies.models import Contact
from dialogues import selectors
from dialogues.forms import CommitmentForm
from dialogues.models import FollowUpAction
from engagements.policy import Action, may

register = template.Library()


@register.inclusion_tag("dialogues/_my_actions.html", takes_context=True)
def my_actions(context: dict[str, Any]) -> dict[str, Any]:
    """My work: the follow-up actions the lead's company owns, still to do."""
    user = context["request"].user
    today = office_today()
    actions = list(selectors.my_actions(user, today)[:50])
    return {"actions": actions, "today": today,
            "overdue": sum(1 for action in actions if action.is_overdue(today))}


@register.inclusion_tag("dialogues/_board_actions.html")
def overdue_actions_by_company() -> dict[str, Any]:
    """The board: pending actions past their due date, per owning company."""
    return {"rows": selectors.overdue_actions_per_company(office_today())}


@register.inclusion_tag("dialogues/_letter_actions.html", takes_context=True)
def letter_follow_ups(context: dict[str, Any], letter: Any) -> dict[str, Any]:
    """The letter page: its follow-up actions, and on each reply the form that records
    a commitment in it as an action (staff, and the company's users)."""
    user = context["request"].user
    today = office_today()
    actions = list(selectors.with_action_relations(
        FollowUpAction.objects.visible_to(user).filter(communication=letter)))
    forms = []
    if may(user, Action.RECORD_ACTION, letter):
        contacts = Contact.objects.filter(company_id=letter.company_id).order_by("name")
        # One form per reply, each with its own ids (the names posted are the same).
        forms = [(reply, CommitmentForm(contacts=contacts,
                                        auto_id=f"commitment_{reply.pk}_%s"))
                 for reply in letter.responses.all()]
    return {"actions": actions, "today": today, "letter": letter, "forms": forms,
            "csrf_token": context.get("csrf_token")}
