"""Who may do what to a letter: the one permission policy.

Every place that lets a person act asks here: the API (engagements/api/permissions.py
and the writable fields of CommunicationSerializer), the web views (engagements/views)
and the templates (`{% permissions letter as can %}`, engagements/templatetags/policy.py).

Visibility comes first: pages and routes look letters up through
`Communication.objects.visible_to(user)`, so another company's letter is a 404 before
this policy is asked anything, and a refusal here (403) only ever concerns a letter the
user may see. `may()` applies the visibility rule too (accounts.visibility), so it never
answers yes for a letter out of the user's sight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import (
    SCOPE_EVERY_COMPANY,
    scope_company_id,
    scope_includes,
    visibility_scope,
)

if TYPE_CHECKING:
    from accounts.models import User
    from engagements.models import Communication


class Action(models.TextChoices):
    VIEW = "view", _("See the letter, its replies and notes")
    CREATE = "create", _("Log a new letter")
    CHANGE_FIELDS = "change_fields", _("Change the letter's own fields")
    ASSIGN = "assign", _("Route the letter to an issue owner")
    LOG_REPLY = "log_reply", _("Log a reply")
    ADD_NOTE = "add_note", _("Add an informal note")
    EXTEND_DEADLINE = "extend_deadline", _("Grant an extension")
    DELETE = "delete", _("Delete the letter")
    VIEW_BOARD = "view_board", _("Open the tracking board and its exports")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge receipt of the letter")
    VIEW_MY_WORK = "view_my_work", _("Open My work, the company's letters to act on")
    MANAGE_WEBHOOKS = "manage_webhooks", _("Register webhook endpoints")
    # Public versions, withheld replies and related letters (publication/): OHCHR staff.
    PUBLISH = "publish", _("Prepare the letter's publication on the register")
    # Not about a letter: asked without one.
    FOLLOW_TOPICS = "follow_topics", _("Follow topics and get their weekly digest")
    RECORD_MANDATE_HOLDER = "record_mandate_holder", _("Record a new mandate holder")
    # Dialogues and follow-up actions (dialogues app): asked through may_on_dialogue()
    # and may_on_action() below, which apply the same visibility rule first.
    CREATE_DIALOGUE = "create_dialogue", _("Record a dialogue")
    CHANGE_DIALOGUE = "change_dialogue", _("Change a dialogue, its participants and documents")
    ADD_QUESTION = "add_question", _("Record a question raised in a dialogue")
    ANSWER_QUESTION = "answer_question", _("Answer a question raised in a dialogue")
    RECORD_ACTION = "record_action", _("Record a follow-up action")
    UPDATE_ACTION = "update_action", _("Update a follow-up action's status")


# OHCHR staff may do everything but acknowledge receipt. A company user, to their own
# company's letters: see them, acknowledge them, route them to an issue owner, log the
# company's replies and add informal notes, and open My work, their home page.
COMPANY_USER_ACTIONS = frozenset({Action.VIEW, Action.ACKNOWLEDGE, Action.ASSIGN,
                                  Action.LOG_REPLY, Action.ADD_NOTE, Action.VIEW_MY_WORK,
                                  Action.MANAGE_WEBHOOKS,
                                  Action.FOLLOW_TOPICS, Action.RECORD_ACTION})
# Receipt is the company's word that the letter reached it; nobody else can give it.
# My work is one company's to-do list; staff watch every company from the board.
# The topic watchlist is a company's way of hearing what is new on its risks.
COMPANY_ONLY_ACTIONS = frozenset({Action.ACKNOWLEDGE, Action.VIEW_MY_WORK,
                                  Action.FOLLOW_TOPICS})

# The fields each action writes. The letter's own fields are those communication_create
# and communication_update take; the due date moves only by an extension.
LETTER_FIELDS = frozenset({"reference", "letter_type", "mandates", "company", "sent_on",
                           "language", "subject", "summary", "letter", "press_release_on",
                           "topics"})
FIELDS_WRITTEN = {
    Action.CHANGE_FIELDS: LETTER_FIELDS,
    Action.ASSIGN: frozenset({"assignee", "handover_note"}),
}


class OwnedByCompany(Protocol):
    """A letter, or another record owned by a company (None: by OHCHR), such as a
    webhook endpoint: the policy judges it by its owner, through the visibility rule."""

    @property
    def company_id(self) -> int | None: ...


def may(user: User | Any, action: Action,
        letter: Communication | OwnedByCompany | None = None) -> bool:
    """Whether `user` may do `action` to `letter`.

    Without a letter: whether they may do it at all, to the letters they can see (or,
    for CREATE, VIEW_BOARD and VIEW_MY_WORK, which concern no one letter, whether they
    may do it).
    """
    scope = visibility_scope(user)
    if scope is None:
        return False
    if letter is not None and not scope_includes(scope, letter.company_id):
        return False
    if getattr(user, "is_ohchr_staff", False):
        return action not in COMPANY_ONLY_ACTIONS
    return action in COMPANY_USER_ACTIONS


def writable_fields(user: User | Any, letter: Communication | None = None) -> frozenset[str]:
    """The fields of `letter` that `user` may write: every one for OHCHR staff, the
    issue owner for its company's users, none for anyone else."""
    allowed = [fields for action, fields in FIELDS_WRITTEN.items() if may(user, action, letter)]
    return frozenset().union(*allowed)


def permissions(user: User | Any, letter: Communication | None = None) -> dict[str, bool]:
    """may() for every action, by its value: what templates read as `can.add_note`."""
    return {action.value: may(user, action, letter) for action in Action}


# --- calls for input ------------------------------------------------------------------
# Calls are public; who may do what around them is decided here too, with the same
# visibility rule: a company user acts only on their own company's participation.

class CallAction(models.TextChoices):
    MANAGE = "manage_calls", _("Publish, edit and close calls for input")
    VIEW_PARTICIPATION = "view_call_participation", _(
        "See which companies intend to submit, and which did")
    PARTICIPATE = "participate_in_call", _(
        "Say the company intends to submit, and record its submission")
    FOLLOW = "follow_call", _("Follow a call in one's calendar")


CALL_STAFF_ACTIONS = frozenset({CallAction.MANAGE, CallAction.VIEW_PARTICIPATION,
                                CallAction.FOLLOW})
CALL_COMPANY_ACTIONS = frozenset({CallAction.PARTICIPATE, CallAction.VIEW_PARTICIPATION,
                                  CallAction.FOLLOW})


def may_call(user: User | Any, action: CallAction, company_id: int | None = None) -> bool:
    """Whether `user` may do `action` about calls for input; with `company_id`, about
    that company's participation (a company user: only their own company's)."""
    scope = visibility_scope(user)
    if scope is None:
        return False
    if company_id is not None and not scope_includes(scope, company_id):
        return False
    if getattr(user, "is_ohchr_staff", False):
        return action in CALL_STAFF_ACTIONS
    return action in CALL_COMPANY_ACTIONS


def call_permissions(user: User | Any) -> dict[str, bool]:
    """may_call() for every action, by its value: what templates read."""
    return {action.value: may_call(user, action) for action in CallAction}


# --- dialogues and follow-up actions ------------------------------------------------------
# OHCHR staff record dialogues, their questions and actions, and may do everything to
# them. A company user, on a dialogue their company took part in: answer the questions
# put to their company; on an action: update its status when their company owns it; on
# their company's letter: record a commitment from a reply as an action.

def _scope_company(user: User | Any) -> int | None:
    scope = visibility_scope(user)
    if scope is None or scope == SCOPE_EVERY_COMPANY:
        return None
    return scope_company_id(scope)


def may_on_dialogue(user: User | Any, action: Action, dialogue: Any = None,
                    question: Any = None) -> bool:
    """Whether `user` may do `action` to `dialogue` (a Dialogue the caller found through
    Dialogue.objects.visible_to, or None: whether they may at all)."""
    if visibility_scope(user) is None:
        return False
    if getattr(user, "is_ohchr_staff", False):
        return action in DIALOGUE_ACTIONS
    company_id = _scope_company(user)
    if action == Action.VIEW:
        return dialogue is None or company_id in {
            p.company_id for p in dialogue.participations.all()}
    if action == Action.ANSWER_QUESTION:
        return question is None or question.addressed_to_company_id == company_id
    return False


def may_on_action(user: User | Any, action: Action, follow_up: Any = None) -> bool:
    """Whether `user` may do `action` (UPDATE_ACTION, RECORD_ACTION) to `follow_up`, a
    FollowUpAction found through FollowUpAction.objects.visible_to (or None: at all)."""
    if visibility_scope(user) is None:
        return False
    if getattr(user, "is_ohchr_staff", False):
        return action in (Action.VIEW, Action.UPDATE_ACTION, Action.RECORD_ACTION)
    if action == Action.VIEW:
        return True
    if action == Action.UPDATE_ACTION:
        return follow_up is None or (follow_up.company_id is not None
                                     and follow_up.company_id == _scope_company(user))
    return False


DIALOGUE_ACTIONS = frozenset({Action.VIEW, Action.CREATE_DIALOGUE, Action.CHANGE_DIALOGUE,
                              Action.ADD_QUESTION, Action.ANSWER_QUESTION,
                              Action.RECORD_ACTION})
