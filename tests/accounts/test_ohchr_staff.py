"""Who is OHCHR staff: the property on a user and the query over users always agree."""

from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# (who, the user's fields, whether they are OHCHR staff). A company user with the staff
# flag cannot be saved (tests/engagements/test_visibility.py), so neither judges one.
PEOPLE = [
    ("staff without a company", {"is_staff": True}, True),
    ("superuser", {"is_superuser": True}, True),
    ("superuser with the staff flag", {"is_superuser": True, "is_staff": True}, True),
    # clean() refuses it, the database constraint does not: a superuser sees everything.
    ("superuser with a company", {"is_superuser": True, "company": True}, True),
    ("inactive staff", {"is_staff": True, "is_active": False}, False),
    ("inactive superuser", {"is_superuser": True, "is_active": False}, False),
    ("company user", {"company": True}, False),
    ("inactive company user", {"company": True, "is_active": False}, False),
    ("user of no company", {}, False),
]


@pytest.fixture
def people(company_a):
    users = {}
    for index, (who, fields, _) in enumerate(PEOPLE):
        if fields.get("company"):
            fields = {**fields, "company": company_a}
        users[who] = UserFactory(username=f"person{index}", **fields)
    return users


def test_the_property_says_who_is_staff(people):
    expected = {who for who, _, staff in PEOPLE if staff}
    assert {who for who, user in people.items() if user.is_ohchr_staff} == expected


def test_the_query_finds_exactly_the_users_the_property_names(people):
    by_property = {user.pk for user in people.values() if user.is_ohchr_staff}
    by_query = set(User.objects.ohchr_staff().values_list("pk", flat=True))
    assert by_query == by_property

