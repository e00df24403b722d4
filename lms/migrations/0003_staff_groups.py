"""The coalition's roles as Django groups with their permissions.

Later migrations add the permissions of models that arrive later. Facilitators work in
/facilitate/, not in the Wagtail admin, so their group has no admin access.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Program staff": [
        "wagtailadmin.access_admin",
        "lms.add_training", "lms.change_training", "lms.view_training",
        "lms.add_session", "lms.change_session", "lms.view_session",
        "lms.add_meeting", "lms.change_meeting", "lms.view_meeting",
        "lms.add_sessionfacilitator", "lms.change_sessionfacilitator",
        "lms.delete_sessionfacilitator", "lms.view_sessionfacilitator",
        "lms.add_facilitator", "lms.change_facilitator", "lms.view_facilitator",
        "lms.add_topic", "lms.change_topic", "lms.view_topic",
        "lms.add_feeschedule", "lms.change_feeschedule", "lms.view_feeschedule",
        "lms.add_feetier", "lms.change_feetier", "lms.view_feetier",
        "lms.view_registration", "lms.change_registration",
        "lms.view_organization", "lms.change_organization", "lms.view_profile",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    ],
    "Finance": [
        "wagtailadmin.access_admin",
        "lms.view_training", "lms.view_session", "lms.view_meeting",
        "lms.view_feeschedule", "lms.view_feetier", "lms.change_feeschedule", "lms.change_feetier",
        "lms.view_registration", "lms.view_organization", "lms.view_profile",
        "lms.view_facilitator",
    ],
    "Facilitators": [],
}
PAGE_PERMISSIONS = {"Program staff": ["add_page", "change_page", "publish_page"]}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps without this flag
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
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root:
        for name, codenames in PAGE_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_facilitator_photo"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
