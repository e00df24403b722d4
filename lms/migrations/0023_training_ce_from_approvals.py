"""A training's CE hours and "CE for" credentials come from its CE approvals
(certificates.TrainingApproval), the rows certificates are issued from, so the training's own
copies go. Hours recorded on a training without an approval were never certifiable, so there
is nothing to carry over: such a training shows "CE hours: None" until staff add its
approval."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0022_refund_reason_amount_changed"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="training",
            name="ce_credentials",
        ),
        migrations.RemoveField(
            model_name="training",
            name="ce_hours",
        ),
    ]
