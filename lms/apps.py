from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Trainings and registrations"

    def ready(self):
        # The receiver that ends lockouts on a password reset, and the `__in` lookup that
        # drops integers no column can hold (lms/accounts.py, lms/lookups.py).
        from lms import accounts, lookups  # noqa: F401
