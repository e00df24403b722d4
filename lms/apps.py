from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Trainings and registrations"

    def ready(self):
        # The receiver that ends lockouts on a password reset, and the `__in` lookup that
        # drops integers no column can hold (lms/accounts.py, lms/lookups.py).
        from lms import accounts, lookups  # noqa: F401
        from lms.services.webhooks import webhook_events_from_audit
        from lms.signals import audited

        # Outbound webhooks are derived from the audit trail (lms/services/webhooks.py).
        audited.connect(
            lambda sender, instance, action, **kwargs: webhook_events_from_audit(
                instance=instance, action=action
            ),
            weak=False,
            dispatch_uid="lms_webhook_events_from_audit",
        )
