"""Finance's permissions for facilitator pay, and the 1099-NEC thresholds by year.

Only Finance sees pay profiles (with the private W-9), rate cards, statements and payouts.
Thresholds: $600 for payments through 2025, $2,000 for payments from 2026 (editable data).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FINANCE = [
    "lms.add_facilitatorpayprofile", "lms.change_facilitatorpayprofile",
    "lms.view_facilitatorpayprofile", "lms.view_w9",
    "lms.add_ratecard", "lms.change_ratecard", "lms.view_ratecard", "lms.delete_ratecard",
    "lms.add_paystatement", "lms.change_paystatement", "lms.view_paystatement",
    "lms.delete_paystatement", "lms.approve_paystatement", "lms.pay_paystatement",
    "lms.view_paystatementline",
    "lms.add_expenseline", "lms.change_expenseline", "lms.view_expenseline",
    "lms.delete_expenseline",
    "lms.view_payout",
    "lms.add_form1099threshold", "lms.change_form1099threshold", "lms.view_form1099threshold",
    "lms.change_facilitatorpaysettings", "lms.view_facilitatorpaysettings",
]
THRESHOLDS = [
    (2000, 60000, "Payments through 2025"),
    (2026, 200000, "From payments in 2026 (indexed for inflation after 2026)"),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps without this flag
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    finance, _ = Group.objects.get_or_create(name="Finance")
    for dotted in FINANCE:
        app_label, codename = dotted.split(".")
        finance.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    # The pay statement number counter exists from the start, so the first approvals never
    # race to create it.
    apps.get_model("lms", "NumberSequence").objects.get_or_create(name="pay_statement")
    Threshold = apps.get_model("lms", "Form1099Threshold")
    for year, cents, note in THRESHOLDS:
        Threshold.objects.get_or_create(
            applies_from_year=year, defaults={"amount_cents": cents, "note": note}
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    finance = apps.get_model("auth", "Group").objects.filter(name="Finance").first()
    if finance:
        codenames = [dotted.split(".")[1] for dotted in FINANCE]
        finance.permissions.remove(
            *Permission.objects.filter(content_type__app_label="lms", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("lms", "0013_compensation")]

    operations = [migrations.RunPython(grant, revoke)]
