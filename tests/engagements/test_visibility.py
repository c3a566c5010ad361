"""The one visibility rule: staff see all, a company user their own, everyone else none;
for letters and contacts alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.visibility import scope_includes, visibility_scope
from companies.models import Contact
from engagements.models import Communication
from tests.factories import CommunicationFactory, ContactFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(company_a, company_b):
    return CommunicationFactory(company=company_a), CommunicationFactory(company=company_b)


def test_staff_see_every_company_s_letters(staff, letters):
    assert set(Communication.objects.visible_to(staff)) == set(letters)


def test_a_lead_sees_only_their_company_s_letters(lead_a, lead_b, letters):
    letter_a, letter_b = letters
    assert list(Communication.objects.visible_to(lead_a)) == [letter_a]
    assert list(Communication.objects.visible_to(lead_b)) == [letter_b]


def test_visitors_and_users_without_a_company_see_none(letters):
    assert not Communication.objects.visible_to(AnonymousUser()).exists()
    assert not Communication.objects.visible_to(UserFactory()).exists()


def test_a_deactivated_lead_sees_none(lead_a, letters):
    lead_a.is_active = False
    lead_a.save()
    assert not Communication.objects.visible_to(lead_a).exists()


def test_published_letters_are_those_past_their_public_date(frozen_today):
    today = frozen_today(dt.date(2024, 6, 17))
    public = CommunicationFactory(sent_on=dt.date(2024, 4, 18))
    confidential = CommunicationFactory(sent_on=dt.date(2024, 4, 19))
    assert list(Communication.objects.published()) == [public]
    assert confidential.public_on == today + dt.timedelta(days=1)


def test_a_company_user_can_never_be_staff(company_a):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    user = UserFactory.build(username="x", company=company_a, is_staff=True)
    with pytest.raises(ValidationError):
        user.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()


@pytest.fixture
def people(staff, lead_a, lead_b, company_a):
    """Everyone the rule must answer for, active or not, with a company or none."""
    from tests.factories import StaffUserFactory

    return {
        "staff": staff,
        "superuser": UserFactory(username="root", is_superuser=True),
        "inactive staff": StaffUserFactory(username="gone-staff", is_active=False),
        "lead A": lead_a,
        "lead B": lead_b,
        "inactive lead A": UserFactory(username="gone-lead", company=company_a,
                                       is_active=False),
        "user of no company": UserFactory(username="nobody"),
        "visitor": AnonymousUser(),
    }


@pytest.fixture
def contacts(company_a, company_b):
    return (ContactFactory(company=company_a), ContactFactory(company=company_b))


def test_contacts_follow_the_letters_rule_for_everyone(people, letters, contacts):
    for who, person in people.items():
        companies_of_letters = set(
            Communication.objects.visible_to(person).values_list("company_id", flat=True))
        companies_of_contacts = set(
            Contact.objects.visible_to(person).values_list("company_id", flat=True))
        assert companies_of_contacts == companies_of_letters, who


def test_a_deactivated_lead_sees_no_contact(lead_a, contacts):
    assert Contact.objects.visible_to(lead_a).exists()
    lead_a.is_active = False
    lead_a.save()
    assert not Contact.objects.visible_to(lead_a).exists()


def test_the_rule_for_a_letter_in_hand_agrees_with_the_query(people, letters):
    for who, person in people.items():
        scope = visibility_scope(person)
        in_hand = {letter for letter in letters if scope_includes(scope, letter.company_id)}
        assert in_hand == set(Communication.objects.visible_to(person)), who
