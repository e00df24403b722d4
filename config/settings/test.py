"""pytest: fast hashing, in-memory email, tasks run by an explicit worker call or sync."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/coalition-ce-test-media")
# Tasks run in-process unless a test starts a real worker; Q_CLUSTER keeps its broker so
# the tests that do use the queue talk to the real ORM or Redis broker.
Q_CLUSTER["sync"] = env.bool("Q_SYNC", default=True)  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Serve static files from the app folders; no collectstatic needed outside production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Private files (session materials, W-9s, pay statements): a scratch folder, never under
# MEDIA_ROOT.
STORAGES["private"]["OPTIONS"]["location"] = "/tmp/coalition-ce-test-private"  # noqa: F405
# The catalogue fragment cache is off in tests (tests/cms/test_catalogue_cache.py turns it on).
CATALOGUE_CACHE_SECONDS = 0
PUBLIC_PAGE_CACHE_SECONDS = 0
# The test client's login() authenticates without a request, which django-axes refuses;
# tests/security/test_throttling.py turns login throttling on where it is under test.
AXES_ENABLED = False
# Webhook receivers of the demo and the tests listen on 127.0.0.1.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=True)
# Open Badges signed with a key made at start-up when none is configured.
OPEN_BADGES_THROWAWAY_KEY = env.bool("OPEN_BADGES_THROWAWAY_KEY", default=True)
