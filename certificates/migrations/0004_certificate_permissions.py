"""Program staff issue, revoke and reissue certificates and edit certificate templates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Program staff": [
        "certificates.view_certificate", "certificates.add_certificate",
        "certificates.change_certificate",
        "certificates.view_certificatetemplate", "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
        "certificates.view_bulkissuerun",
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def seed_template(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateTemplate.objects.get_or_create(
        name="Coalition standard",
        defaults={
            "is_default": True,
            "signatory_name": "Director of Training",
            "signatory_title": "Coalition CE",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_certificates"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(seed_template, migrations.RunPython.noop),
    ]
