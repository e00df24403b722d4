"""Local development and `make demo`: debug on, a throwaway key, localstripe."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-coalition-ce")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the app folders; no collectstatic needed outside production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Webhook receivers of the demo and the tests listen on 127.0.0.1.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=True)
# Open Badges signed with a key made at start-up when none is configured.
OPEN_BADGES_THROWAWAY_KEY = env.bool("OPEN_BADGES_THROWAWAY_KEY", default=True)
