from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Trainings and registrations"

    def ready(self):
        # Connects the receiver that ends lockouts on a password reset.
        from lms import accounts  # noqa: F401
