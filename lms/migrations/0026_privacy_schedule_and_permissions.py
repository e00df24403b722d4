"""The daily retention run (lms.tasks.privacy.retention_run) and Program staff's permissions
for people's data: erasure requests (record, carry out, read), the retention runs and the log
of reads of demographic answers (docs/security.md)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.management import create_permissions
from django.db import migrations

SCHEDULE = "Purge personal data past its retention period"

PERMISSIONS = {
    "Program staff": [
        "lms.view_erasurerequest",
        "lms.add_erasurerequest",
        "lms.change_erasurerequest",
        "lms.view_retentionrun",
        "lms.view_demographicaccess",
    ],
}


def create_schedule(apps, schema_editor):
    # Daily at 03:30 in the coalition's time zone, when nobody is registering.
    chicago = ZoneInfo("America/Chicago")
    tomorrow = dt.datetime.now(chicago).date() + dt.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=SCHEDULE,
        defaults={
            "func": "lms.tasks.privacy.retention_run",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": dt.datetime.combine(tomorrow, dt.time(3, 30), tzinfo=chicago),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


def grant_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps without this flag
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            for dotted in codenames:
                app_label, codename = dotted.split(".")
                group.permissions.remove(
                    *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0025_privacy"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
