"""The permission policy: who may do what to a letter, and which fields they may write."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from engagements.policy import LETTER_FIELDS, Action, may, permissions, writable_fields
from tests.factories import CommunicationFactory, UserFactory

pytestmark = pytest.mark.django_db

# RECORD_ACTION: a commitment in one of their replies, recorded as a follow-up action.
COMPANY_USER_MAY = {Action.VIEW, Action.ACKNOWLEDGE, Action.ASSIGN, Action.LOG_REPLY,
                    Action.ADD_NOTE, Action.VIEW_MY_WORK, Action.MANAGE_WEBHOOKS,
                    Action.FOLLOW_TOPICS, Action.RECORD_ACTION}
# Receipt is the company's word; My work is a company's to-do list (staff have the board).
COMPANY_ONLY = {Action.ACKNOWLEDGE, Action.VIEW_MY_WORK, Action.FOLLOW_TOPICS}


@pytest.fixture
def letter_a(company_a):
    return CommunicationFactory(company=company_a)


def test_staff_may_do_everything_to_every_letter_but_acknowledge_it(staff, letter_a):
    assert {action for action in Action if not may(staff, action, letter_a)} == COMPANY_ONLY
    assert {action for action in Action if not may(staff, action)} == COMPANY_ONLY


@pytest.mark.parametrize("action", list(Action))
def test_a_lead_may_see_route_answer_and_annotate_their_letter_and_no_more(
        action, lead_a, letter_a):
    assert may(lead_a, action, letter_a) is (action in COMPANY_USER_MAY)
    assert may(lead_a, action) is (action in COMPANY_USER_MAY)


@pytest.mark.parametrize("action", list(Action))
def test_nobody_may_do_anything_to_a_letter_out_of_their_sight(action, lead_b, letter_a):
    assert not may(lead_b, action, letter_a)


@pytest.mark.parametrize("action", list(Action))
def test_visitors_deactivated_leads_and_users_of_no_company_may_do_nothing(
        action, company_a, letter_a):
    gone = UserFactory(username="gone-lead", company=company_a, is_active=False)
    for person in (AnonymousUser(), gone, UserFactory(username="nobody")):
        assert not may(person, action, letter_a)
        assert not may(person, action)


def test_staff_write_every_field_and_a_lead_only_the_issue_owner(staff, lead_a, lead_b,
                                                                 letter_a):
    assert writable_fields(staff, letter_a) == LETTER_FIELDS | {"assignee", "handover_note"}
    assert writable_fields(lead_a, letter_a) == {"assignee", "handover_note"}
    assert writable_fields(lead_b, letter_a) == frozenset()
    assert writable_fields(AnonymousUser()) == frozenset()


def test_templates_read_every_action_by_name(lead_a, letter_a):
    can = permissions(lead_a, letter_a)
    assert set(can) == {action.value for action in Action}
    assert can["add_note"] and not can["extend_deadline"]
