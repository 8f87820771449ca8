"""Armor PT settings: one file, configured by environment variables (see docs/deployment.md)."""

import hashlib
import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for item in env_list(name):
        try:
            networks.append(ipaddress.ip_network(item))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{name} must be comma-separated addresses or networks such as "
                f"10.0.0.0/8,127.0.0.1; {item!r} is not one ({error})."
            ) from None
    return networks


# --- Core ---------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG")

_DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value (50+ characters) when "
        "DJANGO_DEBUG is off. Generate one with: python -c "
        '"import secrets; print(secrets.token_urlsafe(64))"'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

ROOT_URLCONF = "armorpt.urls"
WSGI_APPLICATION = "armorpt.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications -------------------------------------------------------------------------

INSTALLED_APPS = [
    # Before the admin, so that its admin classes can show each language's fields as tabs.
    "modeltranslation",
    "staff.apps.StaffAdminConfig",  # django.contrib.admin with the two-factor admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Only for the migration that hashed its plain backup codes (staff.BackupCodeDevice now).
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "armorpt",
    "staff",
    "exercises",
    "appointments",
]

MIDDLEWARE = [
    # The health probe, answered before anything else (armorpt/health.py).
    "armorpt.health.HealthCheckMiddleware",
    # The language comes from the address alone (armorpt/languages.py), before anything that
    # renders a page: the kept pages, the 503 page and the rest.
    "armorpt.languages.LanguageFromPathMiddleware",
    # Pages the browser can take compressed; a kept page comes with its gzip copy already.
    "armorpt.compression.PublicPagesGZipMiddleware",
    # Then a kept page is answered before anything else runs, with the headers the rest of
    # the stack put on it when it was kept (armorpt/page_cache.py).
    "armorpt.page_cache.AnonymousPageCacheMiddleware",
    # A view that cannot reach the database answers the friendly 503 page, with every header
    # the middleware around it adds (armorpt/database_down.py).
    "armorpt.database_down.DatabaseDownMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 Not Modified for a page whose ETag the browser already has.
    "django.middleware.http.ConditionalGetMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside everything that sets cookies, so it sees them all (armorpt/middleware.py).
    "armorpt.middleware.PrivateWhenSettingCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.middleware.SignedInLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "staff.middleware.AuditActorMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

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
                "armorpt.context_processors.clinic",
            ],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Database -----------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# --- Cache --------------------------------------------------------------------------------


def cache_from_url(url: str) -> dict:
    """CACHE_URL: locmem:// (one process, the quick start), redis://host:port/db (production:
    shared by every gunicorn worker) or file:///absolute/folder (one machine, no server)."""
    scheme, _, rest = url.partition("://")
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "armorpt"}
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                # The cache down is a miss: every page renders from the database instead.
                "IGNORE_EXCEPTIONS": True,
                # An unreachable server must cost a request a moment, not the system's minutes.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    if scheme == "file" and rest.startswith("/"):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, redis://, rediss:// or file:///, not {url!r}"
    )


def release() -> str:
    """This release's code, templates and static files, in 12 characters."""
    digest = hashlib.sha256()
    for folder in ("armorpt", "appointments", "exercises", "staff", "templates", "static"):
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(BASE_DIR)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = os.environ.get("ARMORPT_RELEASE") or release()
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}
# Each release keeps its own entries: a page kept by the one before may link static files this
# one no longer has, or be in a shape this code no longer reads. The service worker's cache
# carries the release in its name for the same reason.
CACHES["default"]["KEY_PREFIX"] = RELEASE
# A cache error django-redis ignored is logged (by "django_redis.cache", at most once a minute
# per process: see LOGGING).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# How long an anonymous visitor's page is kept (armorpt/page_cache.py). Content edits replace
# the kept pages at once; this only bounds how long anything else could stay. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("ARMORPT_PAGE_CACHE_SECONDS", "600"))

# --- Authentication -----------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = f"/{ADMIN_PATH}login/"

# django-axes checks every sign-in first and refuses a locked-out one; the model backend then
# checks the password. Axes needs the request, so tests use force_login or pass request=.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address within 15 minutes lock that pair out
# for 15 minutes; twenty for one username from any addresses lock the username out everywhere
# (until `manage.py axes_reset_username NAME`, or 15 minutes without a wrong one). A right
# password clears the counts. staff/lockout.py puts the two limits into axes' one.
LOGIN_FAILURE_LIMIT = int(os.environ.get("ARMORPT_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_USERNAME_FAILURE_LIMIT = int(os.environ.get("ARMORPT_LOGIN_USERNAME_FAILURE_LIMIT", "20"))
AXES_FAILURE_LIMIT = "staff.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ARMORPT_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "staff.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "armorpt.client_ip.client_ip"
# The client's address for the lock-out, the audit trail and the hourly limit
# (armorpt/client_ip.py): X-Forwarded-For, which any client can forge, is believed only on a
# connection from one of the proxies' networks, and for at most as many proxies as in front of
# the site. Unset (the default), the connection's address is used.
TRUSTED_PROXY_COUNT = int(os.environ.get("ARMORPT_TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXIES = env_networks("ARMORPT_TRUSTED_PROXIES")

# The admin lets staff in only after a second factor (an authenticator app's code or a backup
# code). On unless DEBUG, so the local quick start needs no phone.
REQUIRE_TWO_FACTOR = env_bool("ARMORPT_REQUIRE_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = "Armor PT"
# The second step's "Use a passkey" and the admin's pages after it land here unless told otherwise.
LOGIN_REDIRECT_URL = f"/{ADMIN_PATH}"

# Signed-in staff are signed out after 30 minutes without a request, and 8 hours after signing
# in however active they are (staff.middleware.SignedInLimitMiddleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SIGNED_IN_LIMIT = timedelta(hours=8)

# The audit trail (django-auditlog): who viewed, changed, exported or deleted a request.
AUDITLOG_MASK_CALLABLE = "appointments.audit.mask"
AUDITLOG_DISABLE_ON_RAW_SAVE = True

# --- Internationalisation -----------------------------------------------------------------

# English at today's addresses, Spanish under /es/ (armorpt/languages.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# A field with no Spanish yet shows the English, and the page says so.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Static and uploaded files ------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# --- Security -----------------------------------------------------------------------------

# TLS ends at the proxy in front of gunicorn, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "63072000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws checkboxes and select arrows with data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The service worker (/sw.js) and the web app manifest, from the site itself.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    }
}

PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- E-mail -------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
# The folder Django's file-based e-mail backend writes to (tests/deploy counts e-mails there).
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Armor PT <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (the e-mails about a request) ---------------------------------------

# "database": the tasks are rows written in the transaction that saves the request, and
# `manage.py db_worker` runs them (production). "immediate": they run in the web process once
# the request is saved (the default with DJANGO_DEBUG on, so `make run` needs no worker).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("ARMORPT_TASKS_BACKEND", "immediate" if DEBUG else "database")
if _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"ARMORPT_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {_tasks_backend!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend]}}

# --- The clinic ---------------------------------------------------------------------------

# Who is told about new appointment requests (comma-separated addresses).
STAFF_NOTIFICATION_EMAILS = env_list("ARMORPT_STAFF_NOTIFICATION_EMAILS")
# Who is alerted about requests nobody has tried to reach in time; the same people by default.
FRONT_DESK_ALERT_EMAILS = env_list("ARMORPT_FRONT_DESK_ALERT_EMAILS") or STAFF_NOTIFICATION_EMAILS
# The public address of the site, for links in e-mails to staff.
SITE_URL = os.environ.get("ARMORPT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def passkey_relying_party(site_url: str) -> tuple[str, list[str]]:
    """The passkeys' relying party id and the origins they may be used from, by default: the
    site's own host. Browsers refuse an IP address as the id, so a local address becomes
    localhost (open the site at http://localhost:8000 to try passkeys)."""
    parts = urlsplit(site_url)
    host = parts.hostname or "localhost"
    if host in {"127.0.0.1", "::1"}:
        host = "localhost"
    port = f":{parts.port}" if parts.port else ""
    return host, [f"{parts.scheme}://{host}{port}"]


# Staff passkeys (django-otp-webauthn), a second step only: never a sign-in without the
# password. A passkey works only on the relying party id it was registered for, so changing
# ARMORPT_PASSKEY_RP_ID means everyone registers theirs again.
_rp_id, _rp_origins = passkey_relying_party(SITE_URL)
OTP_WEBAUTHN_RP_ID = os.environ.get("ARMORPT_PASSKEY_RP_ID", _rp_id)
OTP_WEBAUTHN_RP_NAME = os.environ.get("ARMORPT_PASSKEY_RP_NAME", "Armor PT staff")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("ARMORPT_PASSKEY_ORIGINS") or _rp_origins
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Shown on the error page, which must not touch the database: keep it equal to the main
# location's phone.
CLINIC_FALLBACK_PHONE = os.environ.get("ARMORPT_FALLBACK_PHONE", "(212) 555-0142")

# The request form: the fewest seconds a person takes to fill it in (faster is a bot), and how
# many requests one client may send an hour.
ARMORPT_FORM_MIN_SECONDS = float(os.environ.get("ARMORPT_FORM_MIN_SECONDS", "3"))
ARMORPT_REQUESTS_PER_HOUR = int(os.environ.get("ARMORPT_REQUESTS_PER_HOUR", "5"))

# Closed appointment requests are deleted this many days after they close.
APPOINTMENT_RETENTION_DAYS = int(os.environ.get("ARMORPT_RETENTION_DAYS", "365"))

# --- Logging ------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "filters": {"once_a_minute": {"()": "armorpt.log_filters.AtMostOncePer", "seconds": 60}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry query strings; gunicorn's access log (without them) is enough.
        "django.server": {"level": "WARNING"},
        # The cache down: every request meets it, the site works on (from the database).
        "django_redis.cache": {"filters": ["once_a_minute"]},
    },
}
