"""OHCHR staff manage every webhook endpoint, and see, send again or cancel deliveries.

Deliveries and events are never added or deleted by hand: they are the record of what
was sent where.
"""

from django.db import migrations

GROUP_NAME = "OHCHR staff"
NOT_FOR_STAFF = ["add_webhookdelivery", "delete_webhookdelivery",
                 "add_failedwebhookdelivery", "delete_failedwebhookdelivery",
                 "add_webhookevent", "change_webhookevent", "delete_webhookevent",
                 "add_webhookendpointevent", "change_webhookendpointevent",
                 "delete_webhookendpointevent"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="webhooks")
                          .exclude(codename__in=NOT_FOR_STAFF))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="webhooks"))


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("accounts", "0003_ohchr_staff_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
