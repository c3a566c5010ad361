"""Whose confidential records a person may see: the one visibility rule.

OHCHR staff see every company's letters and contacts; an active company user sees only
their own company's; anyone else (a visitor, a deactivated account, a user of no
company) sees none. Letters (`Communication.objects.visible_to`), contacts
(`Contact.objects.visible_to`), the permission policy (engagements.policy) and the
API's page cache (keyed on the scope) all read it from here, so none of them can
disagree with another. It lives in accounts because it depends only on the user:
companies and engagements both import it without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from accounts.models import User

SCOPE_EVERY_COMPANY = "every-company"

_Records = TypeVar("_Records", bound=QuerySet[Any])


def visibility_scope(user: User | Any) -> str | None:
    """Which letters `user` may see: every company's, one company's, or none.

    OHCHR staff see every letter; an active company user sees only their own company's
    ("company:<id>"); anyone else sees none here (published letters are in
    `published()`). visible_to() filters by this value and caches key on it, so the two
    cannot disagree.
    """
    if getattr(user, "is_ohchr_staff", False):
        return SCOPE_EVERY_COMPANY
    company_id = getattr(user, "company_id", None) if user.is_authenticated else None
    if company_id and user.is_active:
        return f"company:{company_id}"
    return None


def scope_company_id(scope: str) -> int:
    """The company of a "company:<id>" scope from visibility_scope()."""
    return int(scope.removeprefix("company:"))


def scope_includes(scope: str | None, company_id: int | None) -> bool:
    """Whether a scope covers one company's records: the rule for one object in hand,
    where restrict_to_scope() is the same rule as a query (a test checks they agree)."""
    if scope == SCOPE_EVERY_COMPANY:
        return True
    return scope is not None and company_id == scope_company_id(scope)


def restrict_to_scope(records: _Records, user: User | Any) -> _Records:
    """`records` (of a model with a `company`) narrowed to the companies `user` may see."""
    scope = visibility_scope(user)
    if scope == SCOPE_EVERY_COMPANY:
        return records
    if scope is None:
        return records.none()
    return records.filter(company_id=scope_company_id(scope))


def owner_scope(company_id: int | None) -> str:
    """The scope of something a company owns, or OHCHR when `company_id` is None (a
    webhook endpoint): what its owner sees, so all it may be told about."""
    return SCOPE_EVERY_COMPANY if company_id is None else f"company:{company_id}"


def owners_seeing(company_id: int | None) -> Q:
    """Over records owned through a nullable `company` (None: OHCHR): those whose owner
    sees `company_id`'s records; the query form of
    scope_includes(owner_scope(owner), company_id) (a test checks they agree)."""
    if company_id is None:
        return Q(company__isnull=True)
    return Q(company__isnull=True) | Q(company_id=company_id)


def visible_call_participations(records: _Records, user: User | Any) -> _Records:
    """A company's participation in a call for input (its intent to submit, its
    submission): the calls are public, the participation is the company's own, like its
    letters. OHCHR staff see every company's; a company user only their company's, so
    another company's never shows, not even in a count."""
    return restrict_to_scope(records, user)


# --- dialogues and follow-up actions --------------------------------------------------
# The same scope, over the companies that took part: a dialogue is seen by OHCHR staff
# and by the companies in it (DialogueCompany), whether it was confidential or public (a
# public dialogue's public summary is on the public register for everyone else). A
# follow-up action is seen by staff, by its owner's company, and by whoever sees where it
# came from: the companies of its dialogue, or the company of its letter.

def restrict_dialogues_to_scope(records: _Records, user: User | Any) -> _Records:
    """`records` (dialogues) narrowed to those `user` may see in full."""
    return dialogues_in_scope(records, visibility_scope(user))


def dialogues_in_scope(records: _Records, scope: str | None) -> _Records:
    """restrict_dialogues_to_scope() for a scope in hand (a webhook endpoint's owner)."""
    if scope == SCOPE_EVERY_COMPANY:
        return records
    if scope is None:
        return records.none()
    # The participation is unique per (dialogue, company): no duplicate rows.
    return records.filter(participations__company_id=scope_company_id(scope))


def restrict_actions_to_scope(records: _Records, user: User | Any) -> _Records:
    """`records` (follow-up actions) narrowed to those `user` may see."""
    return actions_in_scope(records, visibility_scope(user))


def actions_in_scope(records: _Records, scope: str | None) -> _Records:
    """restrict_actions_to_scope() for a scope in hand (a webhook endpoint's owner)."""
    from django.apps import apps

    if scope == SCOPE_EVERY_COMPANY:
        return records
    if scope is None:
        return records.none()
    company_id = scope_company_id(scope)
    taken_part = apps.get_model("dialogues", "DialogueCompany").objects.filter(
        company_id=company_id).values("dialogue_id")
    return records.filter(Q(company_id=company_id) | Q(communication__company_id=company_id)
                          | Q(dialogue_id__in=taken_part))


def restrict_companies_to_scope(companies: _Records, user: User | Any) -> _Records:
    """`companies` (Company rows) narrowed to those whose records `user` may see: the
    same rule as restrict_to_scope(), for the companies themselves."""
    scope = visibility_scope(user)
    if scope == SCOPE_EVERY_COMPANY:
        return companies
    if scope is None:
        return companies.none()
    return companies.filter(pk=scope_company_id(scope))
