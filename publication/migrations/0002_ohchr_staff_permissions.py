"""OHCHR staff manage public versions, withheld replies and related letters."""

from django.db import migrations

GROUP_NAME = "OHCHR staff"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="publication"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="publication"))


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0001_initial"),
        ("accounts", "0003_ohchr_staff_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
