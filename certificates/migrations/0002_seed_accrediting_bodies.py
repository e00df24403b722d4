"""Reference data: credentials and the accrediting bodies PRODUCT.md names with their credit
rules (certificates.reference_data). Staff adjust the rules in the admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from certificates.reference_data import seed_reference_data

    seed_reference_data(apps)


def unseed(apps, schema_editor):
    # Bodies may already be referenced by approvals; leave reference data in place.
    pass


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_credit_rules")]

    operations = [migrations.RunPython(seed, unseed)]
