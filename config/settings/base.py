"""Settings shared by every environment; dev, test and production only override these.

Everything that differs between machines comes from the environment (see `.env.example`).
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "core.views.csrf_failure"  # a Chinese page, not Django's English one

INSTALLED_APPS = [
    "core",
    "audit",
    "outbox",
    "accounts",
    "directory",
    "imports",
    "calendars",
    "lms",
    "supervision",
    "credentials",
    "quotas",
    "competitions",
    "practicum",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_q",
    "core.apps.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.request_id.RequestIdMiddleware",  # X-Request-ID on the response and every log line
    "core.unavailable.DatabaseUnavailableMiddleware",  # database unreachable: 503, not 500
    "django.middleware.security.SecurityMiddleware",
    "core.csp.PortalCSPMiddleware",  # Content-Security-Policy, looser for the back office
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sign-in is required everywhere but for views marked @login_not_required (one mechanism).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminIdleTimeoutMiddleware",  # sign-in security: idle admins signed out
    "accounts.middleware.TotpRequiredMiddleware",  # sign-in security: admins set up TOTP first
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Back office: another region's page, image or document is a 404 (cms/admin_scope.py).
    "cms.admin_scope.AdminScopeMiddleware",
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
                "django.template.context_processors.i18n",
            ],
            "builtins": ["core.templatetags.units"],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file under var/ (the embedded default).
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short web queries: PostgreSQL's JIT compiles for hundreds of ms when the planner's row
    # estimates run high (seen on the province dashboard), far more than it saves here.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# A streaming read replica (docs/scale.md): the dashboards read from it (core.db_router);
# unset, everything reads and writes the one database.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and task queue: Redis when REDIS_URL is set, else the database (embedded default).
REDIS_URL = env("REDIS_URL", default="")
Q_CLUSTER = {
    "name": "shegongzhan",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 300,
    "retry": 360,
    "max_attempts": 3,
    "catch_up": False,
    "label": _("后台任务"),
}
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    Q_CLUSTER["redis"] = REDIS_URL
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_entries",
        }
    }
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 0.2

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "accounts.backends.RoleGrantBackend",
]
# Passwords: Argon2id (accounts/hashers.py) first, so that every hash made by an older hasher
# is rehashed with it when its owner signs in; the others stay to check those older hashes.
PASSWORD_HASHERS = [
    "accounts.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"

# django-allauth: sign-in by e-mail or mobile number; no open sign-up (accounts come from
# an administrator, a bulk import or an invitation).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PHONE_VERIFICATION_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Sign-in limits: a training room signs in together from one address (60 in a minute must
# pass); failed attempts are limited per account and address together ("key", see the adapter)
# with a longer back-off, and per address only far above what an office's typos reach.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "100/10m/ip,5/5m/key,10/1h/key",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[社工站平台] "

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files are private: no URL serves MEDIA_ROOT, in development (the demo
# runs with DEBUG on) or in production. They leave through views that run a loader
# (core.files.private_file_response); behind nginx, set PRIVATE_FILES_ACCEL_PREFIX to an
# `internal` location aliasing MEDIA_ROOT and the proxy sends the bytes (X-Accel-Redirect).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
PRIVATE_FILES_ACCEL_PREFIX = env("PRIVATE_FILES_ACCEL_PREFIX", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True), or the console in development.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="社工站平台 <noreply@example.cn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Personal data (PIPL): national ID and mobile numbers are stored encrypted with Fernet keys
# (the first encrypts, all decrypt, so keys can be rotated) and looked up by a keyed hash.
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["ZGV2LW9ubHktZmVybmV0LWtleS1ub3QtZm9yLXByb2Q="]
)
FIELD_HASH_KEY = env("FIELD_HASH_KEY", default="dev-only-hash-key")

# Certificates are signed with Ed25519: base64 of a 32-byte seed. Generate one with
#   python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"
CERTIFICATE_SIGNING_KEY = env(
    "CERTIFICATE_SIGNING_KEY", default="ZGV2LW9ubHktY2VydGlmaWNhdGUta2V5LTMyYnl0ZSE="
)
# Proxies in front of gunicorn that append to X-Forwarded-For (1 behind one nginx): the client's
# address is read there, for sign-in limits, the audit trail and the verification limit alike.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=30)  # public lookups per IP per minute
CERTIFICATE_ISSUER = env("CERTIFICATE_ISSUER", default="社工站督导与培训平台")

# The policy documents the packs cite (quotas/packs.py), one text file each, kept with the
# project's source material beside the repository: <repository>/../shared/seeds.
POLICY_SEEDS_DIR = Path(env("POLICY_SEEDS_DIR", default=str(BASE_DIR.parent / "shared" / "seeds")))

# The first year the portal holds records for; years run from it to next year (core.periods).
PORTAL_FIRST_YEAR = env.int("PORTAL_FIRST_YEAR", default=2015)

# The most stations a dashboard counts again while its reader waits; beyond that they are counted
# by the background workers and the page says so (quotas.services.tallies).
TALLIES_COUNTED_IN_READ = env.int("TALLIES_COUNTED_IN_READ", default=100)

# Invitations expire; uploads for bulk import are capped.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
# What an .xlsx may expand to (its parts together) before it is parsed at all.
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=20 * 1024 * 1024)

# Called with `service_point_id=` after the back office creates or edits a service point
# (directory.services.service_point_save), in its transaction: the public site's page follows.
SERVICE_POINT_SAVED_HOOKS = [
    "cms.services.station_pages.station_page_sync",
    "cms.services.editors.editor_pages_follow",  # editors get rights on a new region page
]
# Called with `user_id=` after a role grant is created or revoked (accounts.services), in its
# transaction: the back office's editor groups follow the user's grants.
ROLE_GRANTS_CHANGED_HOOKS = ["cms.services.editors.editor_groups_sync"]

# Competition entries (R14): videos of the 影像 contests and documents of the others.
COMPETITION_VIDEO_MAX_BYTES = env.int("COMPETITION_VIDEO_MAX_BYTES", default=500 * 1024 * 1024)
COMPETITION_VIDEO_TYPES = env.list("COMPETITION_VIDEO_TYPES", default=[".mp4"])
COMPETITION_DOCUMENT_MAX_BYTES = env.int("COMPETITION_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)

WAGTAIL_SITE_NAME = "社工站督导与培训平台"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"  # one sign-in page for the portal and back office
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The back office speaks the portal's languages. Wagtail uses a user's own choice (account
# settings), else the language of the request (LocaleMiddleware: the header's switch, then the
# browser's), else LANGUAGE_CODE: Simplified Chinese for a user who has expressed none.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "jpg", "png", "zip"]
# Moderation e-mails go to the moderators of the region only (cms.services.editors), not to
# every superuser of the country.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Wagtail's view and its privacy checks

# Sign-in security: a second factor (TOTP with recovery codes, allauth.mfa), required for region
# administrators and superusers (MFA_REQUIRED_FOR_ADMINS; the test suite turns it off and its
# own tests on), optional for everyone else; back-office sessions end after ADMIN_IDLE_MINUTES
# without a request (0 turns it off).
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="社工站平台")
MFA_REQUIRED_FOR_ADMINS = env.bool("MFA_REQUIRED_FOR_ADMINS", default=True)
ADMIN_IDLE_MINUTES = env.int("ADMIN_IDLE_MINUTES", default=30)
# Wagtail's own password reset would be a second way in beside allauth's (rate-limited) one.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Serving: the content-security policy (core/csp.py). Portal pages run no inline script or
# style; CSP_FRAME_SRC lists the video hosts that embeds in public pages may frame.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", *env.list("CSP_FRAME_SRC", default=[])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Wagtail's admin still renders inline scripts and styles and uses blob: images.
BACK_OFFICE_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    },
}

# Every record carries the request's id (core/request_id.py); production writes JSON lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Faults (production readiness): survive Redis, the mail server, the disk or a worker failing.
# Redis down: the cache answers as a miss (core.cache) instead of a 500 and gives up quickly.
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "core.cache.ForgivingRedisCache"
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=1.0),
        "socket_timeout": env.float("REDIS_TIMEOUT", default=1.0),
    }
# Files are written to a temporary name and renamed into place: never half-written.
STORAGES["default"]["BACKEND"] = "core.storage.AtomicFileSystemStorage"
# Or media on S3-compatible object storage (MinIO, OSS, COS…; docs/scale.md): a private bucket,
# downloads redirected to presigned URLs valid for PRIVATE_FILES_URL_SECONDS (core.files).
MEDIA_STORAGE = env("MEDIA_STORAGE", default="filesystem")
PRIVATE_FILES_URL_SECONDS = env.int("PRIVATE_FILES_URL_SECONDS", default=60)
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_S3_SECRET_ACCESS_KEY", default=None),
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": PRIVATE_FILES_URL_SECONDS,
            "file_overwrite": False,
            "signature_version": "s3v4",
        },
    }
# Outbox mail: retried with exponential back-off (base, 2×, 4×… capped), given up after N tries.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=6 * 3600)
# The sweep sends mail its queued task has not sent within the grace period (broker down).
OUTBOX_SWEEP_GRACE_SECONDS = env.int("OUTBOX_SWEEP_GRACE_SECONDS", default=120)
OUTBOX_SWEEP_BATCH = env.int("OUTBOX_SWEEP_BATCH", default=500)
# A certificate still without its PDF this long after issue is rendered again by the sweep.
CERTIFICATE_RENDER_GRACE_SECONDS = env.int("CERTIFICATE_RENDER_GRACE_SECONDS", default=120)

# Personal data, backup and restore (production readiness: data).
# `manage.py backup` lists in its manifest what each of these functions returns, and
# `manage.py restore` checks the restored portal reproduces it.
BACKUP_MANIFEST_SECTIONS = {"certificates": "credentials.selectors.certificate_fingerprints"}
# What a person downloads as their own data from /me/ (core.personal_data): each app's selector.
PERSONAL_DATA_SECTIONS = [
    "directory.selectors.personal_data_of",
    "lms.selectors.personal_data_of",
    "supervision.selectors.personal_data.personal_data_of",
    "credentials.selectors.personal_data_of",
    "competitions.selectors.personal_data.personal_data_of",
    "practicum.selectors.personal_data.personal_data_of",
]
# People whose positions all ended this many years ago, without an active account, are
# pseudonymised by `manage.py anonymise_people` (run it yearly).
PERSONAL_DATA_RETENTION_YEARS = env.int("PERSONAL_DATA_RETENTION_YEARS", default=5)
