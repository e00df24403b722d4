"""Settings for benchmark servers: the product's settings plus a minimal baseline view."""

from config.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
# Certificate emails stay in memory during benchmarks.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
