"""Permissions for attendance, session reports, evaluations, TA requests and CE approvals,
and the periodic task that invites participants to evaluations (issue 6)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Program staff": [
        "lms.view_attendancerecord", "lms.change_attendancerecord",
        "lms.view_virtualattendancereport", "lms.view_virtualattendancerow",
        "lms.view_sessionmaterial", "lms.add_sessionmaterial", "lms.change_sessionmaterial",
        "lms.view_sessionreport", "lms.change_sessionreport",
        "lms.view_meetingdelivery", "lms.view_deliveryfacilitator",
        "lms.add_evaluation", "lms.change_evaluation", "lms.view_evaluation",
        "lms.add_evaluationquestion", "lms.change_evaluationquestion",
        "lms.delete_evaluationquestion", "lms.view_evaluationquestion",
        "lms.view_evaluationresponse",
        "lms.view_technicalassistancerequest", "lms.change_technicalassistancerequest",
        "certificates.view_credential",
        "certificates.add_accreditingbody", "certificates.change_accreditingbody",
        "certificates.view_accreditingbody",
        "certificates.add_trainingapproval", "certificates.change_trainingapproval",
        "certificates.view_trainingapproval",
    ],
    "Finance": [
        "lms.view_sessionreport", "lms.view_meetingdelivery", "lms.view_deliveryfacilitator",
    ],
}
INVITATION_TASK = "lms.tasks_followup.evaluation_invitations_send_due"


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
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=INVITATION_TASK,
        defaults={"name": "Send evaluation invitations", "schedule_type": "I", "minutes": 15},
    )


def revoke(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=INVITATION_TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0008_attendance_evaluations_ta"),
        ("certificates", "0002_seed_accrediting_bodies"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
