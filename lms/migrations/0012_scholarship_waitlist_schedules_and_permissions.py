"""Scheduled tasks and staff permissions for scholarships, waitlists and invoices (issue 5)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SCHEDULES = [
    # name, function, minutes between runs
    ("Pass on expired waitlist offers", "lms.tasks.waitlist_sessions_refresh", 1),
    ("Release unused scholarship awards", "lms.tasks.scholarship_awards_release_unused", 60),
]

PERMISSIONS = {
    "Program staff": [
        "lms.view_scholarshipfund",
        "lms.view_scholarshipapplication", "lms.change_scholarshipapplication",
        "lms.view_scholarshipaward",
        "lms.view_waitlistentry", "lms.change_waitlistentry",
        "lms.view_invoice",
    ],
    "Finance": [
        "lms.add_scholarshipfund", "lms.change_scholarshipfund", "lms.view_scholarshipfund",
        "lms.add_scholarshipledgerentry", "lms.view_scholarshipledgerentry",
        "lms.view_scholarshipapplication", "lms.view_scholarshipaward",
        "lms.view_invoice", "lms.change_invoice",
    ],
}


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, minutes in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": "I", "minutes": minutes, "repeats": -1},
        )


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(
        name__in=[name for name, _, _ in SCHEDULES]
    ).delete()


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
        ("lms", "0011_invoices"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(create_schedules, remove_schedules),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
