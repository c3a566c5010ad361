"""The OHCHR staff role: a group holding every permission on the tracker's own data."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

STAFF_GROUP_NAME = "OHCHR staff"
STAFF_APPS = ("accounts", "mandates", "companies", "engagements", "reminders", "webhooks",
              "publication",
              "calls", "dialogues")


def ohchr_staff_group() -> Group:
    """The group, created with its permissions if missing (a migration normally makes it;
    a flushed test database or a restored backup may not have it)."""
    group, created = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    if created or not group.permissions.exists():
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=STAFF_APPS))
    return group
