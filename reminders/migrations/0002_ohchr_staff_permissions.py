"""OHCHR staff see reminders and digests, retry or cancel them, and edit company schedules.

Outbox rows are never deleted by hand: they are the record of who was told what, when.
"""

from django.db import migrations

GROUP_NAME = "OHCHR staff"
NOT_FOR_STAFF = ["add_reminder", "delete_reminder", "add_failedreminder",
                 "delete_failedreminder", "add_digest", "delete_digest",
                 "add_plannerheartbeat", "change_plannerheartbeat", "delete_plannerheartbeat"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="reminders")
                          .exclude(codename__in=NOT_FOR_STAFF))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="reminders"))


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("accounts", "0003_ohchr_staff_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
