"""Settings shared by every environment, read from environment variables.

Embedded default: SQLite, the django-q2 ORM broker, local media, console email and
localstripe. Setting DATABASE_URL, REDIS_URL, AWS_STORAGE_BUCKET_NAME, EMAIL_URL and the
STRIPE_* keys moves each part to its production counterpart (see README.md).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.storage import storages_for

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Apps, middleware, templates --------------------------------------------------------------
INSTALLED_APPS = [
    "lms",
    "cms",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and routing: answers anonymous GETs of the public pages from the
    # cache (cms/page_cache.py).
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address: /es/… is Spanish, everything else English, so a
    # page's address alone decides its language (and the page cache above stays correct).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so it can turn a locked-out login into the lockout page (django-axes).
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
try:
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
except (ImproperlyConfigured, KeyError, ValueError) as exc:  # unknown scheme or garbage
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL Django understands: {exc}"
    ) from exc
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one per request cost the catalogue ~10 ms on PostgreSQL.
# The health check drops a connection the database has closed before a request uses it. Set
# CONN_MAX_AGE=0 behind a transaction-pooling PgBouncer.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the django-q2 worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in (django-allauth): email is the login --------------------------------
AUTH_USER_MODEL = "lms.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses every login attempt from a locked-out client (see "Security" below).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
# Say plainly that an email is already registered: professionals who forgot they had an
# account must be told so at sign-up. (allauth hides it by default to stop account probing;
# login throttling is the defence we rely on instead, see docs/security.md.)
ACCOUNT_PREVENT_ENUMERATION = False
# Confirming the email in the browser that signed up signs the person in and continues where
# they were going (the session they chose), not to an empty /my/ page.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Sign-up asks for the person's name, so staff and facilitators never see only an email.
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.people.SignupNamesForm"
# No "[Coalition CE]" prefix: the sender name says who writes (as in lms/services/emails.py).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "lms:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# --- Internationalisation: the coalition is in Illinois, in English and Spanish -----------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

# --- Files: static, media, and private files (materials, W-9s, PDFs) --------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# S3-compatible storage (AWS, MinIO, Backblaze...) when a bucket is named; credentials come
# from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (boto3 reads them).
# Private files (session materials, W-9 forms, certificate, invoice and pay statement PDFs)
# have a storage of their own that is never served under MEDIA_URL (config/storage.py).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = storages_for(
    bucket=AWS_STORAGE_BUCKET_NAME,
    endpoint_url=env("AWS_S3_ENDPOINT_URL", default=None),
    region=env("AWS_S3_REGION_NAME", default=None),
    private_root=PRIVATE_MEDIA_ROOT,
)

# --- Email ------------------------------------------------------------------------------------
# The demo (DEBUG on, no EMAIL_URL) keeps every email for the mailbox page at /dev/mailbox/.
_email = env.email_url("EMAIL_URL", default="consolemail://")
if DEBUG and not env("EMAIL_URL", default=""):
    _email["EMAIL_BACKEND"] = "lms.mailbox.MailboxBackend"
MAILBOX_DIR = env.path("MAILBOX_DIR", default=BASE_DIR / "mailbox")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Coalition CE <trainings@coalition.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache ------------------------------------------------------------------------------------
# Redis, when set, is both the cache and the django-q2 broker.
REDIS_URL = env("REDIS_URL", default="")
# A cache shared by every web process: rate-limit counters (ours and allauth's) must count
# across processes, so with REDIS_URL the cache lives in Redis; without it, in memory.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "coalition-ce",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work: django-q2 ---------------------------------------------------------------
Q_CLUSTER = {
    "name": "coalition-ce",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 300,
    "retry": 360,
    "max_attempts": 5,
    "ack_failures": True,
    "catch_up": False,
    "label": "Background tasks",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Stripe (localstripe when no keys are given) ----------------------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="sk_test_localstripe")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="pk_test_localstripe")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_localstripe")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="http://127.0.0.1:8420")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="http://127.0.0.1:8420/js.stripe.com/v3/")
# Network retries for Stripe calls; every create call carries an idempotency key, so a retry
# never charges twice on real Stripe.
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)
STRIPE_CURRENCY = "usd"
# Stripe Connect pays facilitators by transfer to their connected accounts. localstripe has
# no Connect, so it is off by default (Finance records check/ACH payments); with real Stripe
# keys set STRIPE_CONNECT_ENABLED=1. Its API base defaults to the one for payments.
STRIPE_CONNECT_ENABLED = env.bool("STRIPE_CONNECT_ENABLED", default=False)
STRIPE_CONNECT_API_BASE = env("STRIPE_CONNECT_API_BASE", default=STRIPE_API_BASE)
STRIPE_CONNECT_COUNTRY = env("STRIPE_CONNECT_COUNTRY", default="US")
# Stripe signs Connect events (account.updated) with the Connect endpoint's own secret; the
# payments webhook at /payments/stripe/webhook/ accepts either.
STRIPE_CONNECT_WEBHOOK_SECRET = env("STRIPE_CONNECT_WEBHOOK_SECRET", default="")

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Coalition CE"
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages are translated with Wagtail's own locales (docs/decisions.md): an editor chooses
# "Translate" on a page and edits the Spanish copy; an untranslated page shows in English.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The Stripe library logs every request at INFO; our own code logs what matters.
        "stripe": {"level": "WARNING"},
    },
}
# WeasyPrint narrates every PDF at INFO; keep its warnings (missing fonts, refused URLs) only.
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})

# --- Security: login throttling, rate limits, content security policy -------------------------
# The client's address, which every per-address limit counts (lockouts, allauth's sign-in
# limits, ours, /verify/): behind TRUSTED_PROXY_COUNT proxies it is read from
# X-Forwarded-For, see lms/client_address.py. (AXES_IPWARE_PROXY_COUNT is the old name.)
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=env.int("AXES_IPWARE_PROXY_COUNT", default=0)
)

# Login throttling (django-axes) for the allauth login and the Wagtail admin login: after
# LOGIN_FAILURE_LIMIT failed attempts for one email from one address, that pair (and only
# that pair: the owner elsewhere still signs in) is locked out for LOGIN_LOCKOUT_MINUTES,
# counted from the last failure before the lockout; attempts refused during it do not extend
# it. Resetting the password by the emailed link ends it (lms/accounts.py). Attempts are
# stored in the database, so every process sees them.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("LOGIN_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.accounts.login_attempt_email"
AXES_CLIENT_IP_CALLABLE = "lms.client_address.client_address"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# allauth's own sign-in limits, with the client address from lms/client_address.py. Its
# default per-email limit on failed logins ("5/5m/key") would let anyone lock an account
# out from every address, so only its per-address limit stays; django-axes counts per email
# and address.
ACCOUNT_ADAPTER = "lms.accounts.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}

# Rate limits (fixed windows in the cache, per signed-in person or else per address).
REGISTRATION_PER_HOUR = env.int("REGISTRATION_PER_HOUR", default=30)
TA_REQUEST_PER_HOUR = env.int("TA_REQUEST_PER_HOUR", default=10)

# Content security policy (django-csp 4). Scripts only from our own origin and Stripe.js;
# config.security.ContentSecurityPolicyMiddleware adds the origins of STRIPE_JS_URL and
# STRIPE_API_BASE (localstripe in dev and test) and relaxes the policy for the Wagtail admin.
CSP_EMBED_ORIGINS = env.list(
    "CSP_EMBED_ORIGINS", default=["https://www.youtube.com", "https://player.vimeo.com"]
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "https://js.stripe.com"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        "frame-src": [
            "'self'",
            "https://js.stripe.com",
            "https://hooks.stripe.com",
            *CSP_EMBED_ORIGINS,
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin stays on our origin: no Gravatar images (they would send a hash of each
# staff email to a third party) and no release check from staff browsers.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Registrations, payments and refunds ------------------------------------------------------
SEAT_HOLD_MINUTES = env.int("SEAT_HOLD_MINUTES", default=20)
# Full refund when a participant cancels at least this many days before the first meeting.
CANCELLATION_FULL_REFUND_DAYS = env.int("CANCELLATION_FULL_REFUND_DAYS", default=7)

# --- Scholarships, waitlists and agency invoices ----------------------------------------------
# How long a seat stays held while a scholarship application waits for staff.
SCHOLARSHIP_DECISION_HOURS = env.int("SCHOLARSHIP_DECISION_HOURS", default=72)
# How long a waitlist offer stays open before it passes to the next person.
WAITLIST_OFFER_HOURS = env.int("WAITLIST_OFFER_HOURS", default=24)
# Agency invoices: days to pay, and the instructions printed on every invoice.
INVOICE_DUE_DAYS = env.int("INVOICE_DUE_DAYS", default=30)
INVOICE_PAYMENT_INSTRUCTIONS = env(
    "INVOICE_PAYMENT_INSTRUCTIONS",
    default=(
        "Pay by check to Coalition CE, or by ACH transfer (ask finance for bank details). "
        "Write the invoice number on your payment."
    ),
)

# The staff home's work queue lists sessions starting within 7 days with fewer seats taken
# than this percentage of capacity.
WORK_QUEUE_FILL_THRESHOLD_PERCENT = env.int("WORK_QUEUE_FILL_THRESHOLD_PERCENT", default=50)

# --- Attendance, evaluations and technical assistance -----------------------------------------
MATERIAL_MAX_BYTES = env.int("MATERIAL_MAX_BYTES", default=25 * 1024 * 1024)
MATERIAL_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "txt", "png", "jpg", "jpeg"]
# CE from elsewhere: the PDF of that certificate (the renewal tracker).
OUTSIDE_CE_MAX_BYTES = env.int("OUTSIDE_CE_MAX_BYTES", default=5 * 1024 * 1024)
VIRTUAL_REPORT_MAX_BYTES = env.int("VIRTUAL_REPORT_MAX_BYTES", default=2 * 1024 * 1024)
VIRTUAL_REPORT_MAX_ROWS = env.int("VIRTUAL_REPORT_MAX_ROWS", default=5000)
# A meeting counts as attended in full (completion status) when at most this much is missed.
ATTENDANCE_COMPLETION_GRACE_MINUTES = env.int("ATTENDANCE_COMPLETION_GRACE_MINUTES", default=15)
# Evaluation invitations go out this long after a session's last meeting ends.
EVALUATION_INVITE_DELAY_MINUTES = env.int("EVALUATION_INVITE_DELAY_MINUTES", default=30)
# Aggregated evaluation results are shown only from this many responses on.
EVALUATION_MIN_RESPONSES = 5

# --- Certificates -----------------------------------------------------------------------------
# Requests per minute per client address to /verify/ (cache-based fixed window).
CERTIFICATE_VERIFY_PER_MINUTE = env.int("CERTIFICATE_VERIFY_PER_MINUTE", default=30)
# A bulk certificate run with no progress for this long is queued again (its task died with
# a worker or a broker); certificates.tasks.bulk_issue_resume_stalled, every 2 minutes.
BULK_ISSUE_STALLED_MINUTES = env.int("BULK_ISSUE_STALLED_MINUTES", default=5)

# --- REST API (docs/api.md) ------------------------------------------------------------------
# Django REST framework. Our API's choices (API keys only, so no sessions and no CSRF; JSON
# only; problem details for every error; pages of 50; rate limits) are set on its base view,
# cms.api.views.ApiView, so that Wagtail's own admin API keeps DRF's defaults.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Coalition CE API",
    "DESCRIPTION": "Trainings, sessions and certificate verification for everyone; an "
    "organization's registrations and certificates with its API key. Errors are RFC 9457 "
    "problem details. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_our_api"],
    "ENUM_NAME_OVERRIDES": {
        "RegistrationStatusEnum": "lms.models.Registration.Status",
        "CertificateStatusEnum": "certificates.models.Certificate.Status",
        "SessionStatusEnum": "lms.models.Session.Status",
    },
}
# Requests per minute: per API key, and per client address without a key.
API_KEY_REQUESTS_PER_MINUTE = env.int("API_KEY_REQUESTS_PER_MINUTE", default=120)
API_PUBLIC_REQUESTS_PER_MINUTE = env.int("API_PUBLIC_REQUESTS_PER_MINUTE", default=60)

# Outbound webhooks (docs/api.md): deliveries to loopback, private, link-local or reserved
# addresses are refused (server-side request forgery) unless this is on: dev and test turn it
# on for receivers on 127.0.0.1; production never should.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)

# Open Badges 3.0 credentials (docs/certificates.md): the coalition's Ed25519 private key in
# PEM (newlines may be written as \\n). Without it no badge is offered, unless a throwaway
# key is allowed (dev and test: a new one per process).
OPEN_BADGES_SIGNING_KEY = env("OPEN_BADGES_SIGNING_KEY", default="")
OPEN_BADGES_THROWAWAY_KEY = env.bool("OPEN_BADGES_THROWAWAY_KEY", default=False)

# --- Catalogue --------------------------------------------------------------------------------
# Seconds a cached /trainings/ fragment lives; changes bump its version at once where the
# cache is shared (Redis), so this bounds staleness only for per-process caches. 0 = off.
CATALOGUE_CACHE_SECONDS = env.int("CATALOGUE_CACHE_SECONDS", default=60)
# Seconds a whole anonymous response for the home, catalogue or a training page lives
# (cms/page_cache.py); the same version bumps invalidate it at once where the cache is
# shared. It bounds how stale seats left may be in a per-process cache. 0 = off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=30)

# --- Privacy and retention (docs/operations.md) -----------------------------------------------
# An erased person's CE, attendance and payment records stay, under a pseudonym, for this many
# years after the last of them: what providers must keep (boards ask 3 to 5 years).
RETENTION_RECORDS_YEARS = env.int("RETENTION_RECORDS_YEARS", default=6)
# The retention schedule (lms.tasks.privacy.retention_run, daily) purges: demographic answers
# of people inactive this many years; accounts never confirmed after this many days; names and
# emails in virtual attendance reports uploaded this many days ago; payloads of processed
# Stripe webhook events received this many days ago.
RETENTION_DEMOGRAPHICS_INACTIVE_YEARS = env.int("RETENTION_DEMOGRAPHICS_INACTIVE_YEARS", default=3)
RETENTION_UNCONFIRMED_ACCOUNT_DAYS = env.int("RETENTION_UNCONFIRMED_ACCOUNT_DAYS", default=30)
RETENTION_VIRTUAL_REPORT_DAYS = env.int("RETENTION_VIRTUAL_REPORT_DAYS", default=365)
RETENTION_WEBHOOK_PAYLOAD_DAYS = env.int("RETENTION_WEBHOOK_PAYLOAD_DAYS", default=90)
# How long the emailed link that confirms a self-service erasure request works.
ERASURE_LINK_HOURS = env.int("ERASURE_LINK_HOURS", default=48)
