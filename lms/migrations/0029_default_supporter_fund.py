"""The default supporter fund ("pay it forward") exists from the start, so the surplus a
supporter-tier registrant pays above the standard price is always credited to a fund
(lms.services.scholarship_ledger.registration_awards_use); and the ledger's debit entry, which
gives credited money back (the pay-it-forward part of a refunded supporter registration)."""

import datetime as dt

from django.db import migrations, models

DEFAULT_SUPPORTER_FUND = "Pay it forward (supporter tier)"


def create_default_supporter_fund(apps, schema_editor):
    apps.get_model("lms", "ScholarshipFund").objects.get_or_create(
        name=DEFAULT_SUPPORTER_FUND,
        defaults={
            "sponsor_kind": "supporter",
            "sponsor_name": "Supporters who pay it forward",
            "period_start": dt.date(2000, 1, 1),
            "period_end": dt.date(2099, 12, 31),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0028_session_operations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="scholarshipledgerentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("credit", "Credit (grant, donation, supporter surplus)"),
                    ("commitment", "Commitment (award made)"),
                    ("release", "Release (award cancelled or expired)"),
                    ("spend", "Spend (award used)"),
                    (
                        "debit",
                        "Debit (a credited amount given back, such as a refunded supporter surplus)",
                    ),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(create_default_supporter_fund, migrations.RunPython.noop),
    ]
