"""Scheduled tasks for seat holds, reminders and payment reconciliation, and the staff
permissions for the registration and payment models.

The django-q2 Schedule rows live here (not in a setup command) so every environment that
runs `migrate` – demo, CI, production – has them; update_or_create by name keeps it idempotent.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SCHEDULES = [
    # name, function, minutes between runs
    ("Expire unpaid seat holds", "lms.tasks.holds_expire", 1),
    ("Send training reminders", "lms.tasks.reminders_send", 15),
    ("Reconcile card payments with Stripe", "lms.tasks.payments_reconcile", 5),
]

PERMISSIONS = {
    "Program staff": [
        "lms.view_payment", "lms.view_refund",
        "lms.add_discountcode", "lms.change_discountcode", "lms.view_discountcode",
    ],
    "Finance": [
        "lms.change_registration",
        "lms.view_payment", "lms.change_payment",
        "lms.view_refund", "lms.add_refund",
        "lms.view_stripeevent",
        "lms.view_discountcode",
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
        ("lms", "0006_registrations_payments"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(create_schedules, remove_schedules),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
