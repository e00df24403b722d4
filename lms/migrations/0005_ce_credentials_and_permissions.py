"""The four CE credentials the coalition's trainings are approved for, and who may edit the
catalogue's audiences and credentials (same roles as lms 0003)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CREDENTIALS = [
    ("social-work", "Social work", "LSW,LCSW"),
    ("professional-counseling", "Professional counseling", "LPC,LCPC"),
    ("marriage-and-family-therapy", "Marriage and family therapy", "LMFT"),
    ("addiction-counseling", "Alcohol and drug counseling", "CADC"),
]
GROUPS = {
    "Program staff": [
        "add_audience", "change_audience", "view_audience",
        "add_cecredential", "change_cecredential", "view_cecredential",
    ],
    "Finance": ["view_audience", "view_cecredential"],
}


def forwards(apps, schema_editor):
    CeCredential = apps.get_model("lms", "CeCredential")
    for code, name, license_types in CREDENTIALS:
        CeCredential.objects.get_or_create(
            code=code, defaults={"name": name, "license_types": license_types}
        )
    app_config = apps.get_app_config("lms")
    app_config.models_module = True  # create_permissions skips apps without this flag
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="lms", codename__in=codenames)
        )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    codenames = {codename for names in GROUPS.values() for codename in names}
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="lms", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("lms", "0004_catalogue_terms")]

    operations = [migrations.RunPython(forwards, backwards)]
