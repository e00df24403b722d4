from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "CE certificates"

    def ready(self):
        from certificates import signals  # noqa: F401 - cancellation, data export, erasure
