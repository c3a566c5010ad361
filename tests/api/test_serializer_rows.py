"""The fast lists are read off the serializers: a field added to one is in its list at
once, and a field that cannot be read from rows is refused by name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

from btech.api.rows import SerializerRows
from btech.office_time import office_today
from engagements.api.serializers import DeadlineSerializer
from engagements.models import Communication

pytestmark = pytest.mark.django_db


def _both_ways(serializer_class: type[serializers.Serializer]) -> tuple[list, list]:
    letters = Communication.objects.select_related("company", "assignee").order_by("pk")
    today = office_today()
    rows = SerializerRows(serializer_class, Communication)
    fast = rows.build(list(rows.select(letters)), today)
    slow = serializer_class(letters, many=True, context={"today": today}).data
    return fast, [dict(row) for row in slow]


def test_a_field_added_to_the_serializer_is_in_the_fast_rows_at_once(letter_a, letter_b,
                                                                      issue_owner_a):
    letter_a.assignee = issue_owner_a
    letter_a.save()

    class WithMore(DeadlineSerializer):
        sent_on = serializers.DateField(read_only=True)
        letter_type = serializers.CharField(read_only=True)
        assignee_name = serializers.CharField(source="assignee.name", read_only=True,
                                              allow_null=True)

    fast, slow = _both_ways(WithMore)

    assert fast == slow
    assert [(row["sent_on"], row["assignee_name"]) for row in fast] == [
        ("2024-02-20", "Issue owner A"), (letter_b.sent_on.isoformat(), None)]


@pytest.mark.parametrize("field", [
    serializers.SerializerMethodField(),
    serializers.CharField(source="display_type", read_only=True),  # a property
    serializers.CharField(source="assignee.name", read_only=True),  # None when unassigned
    serializers.SlugRelatedField(source="company", slug_field="name", read_only=True),
])
def test_a_field_rows_cannot_give_is_refused_by_name(field):
    class WithOneMore(DeadlineSerializer):
        extra = field

        def get_extra(self, letter: Communication) -> str:
            return "computed in Python"

    with pytest.raises(ImproperlyConfigured, match=r"WithOneMore\.extra"):
        SerializerRows(WithOneMore, Communication).select(Communication.objects.all())
