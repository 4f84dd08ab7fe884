"""Jarida settings: one module, driven by environment variables (see docs/deployment.md).

Defaults are for a developer's machine and the demo: SQLite file, in-process cache.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from js_asset import static_lazy

from config.settings.env import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
)
from jarida.newsroom.prose import cite_allowlist
from jarida.ops.csp import inline_style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("JARIDA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("JARIDA_DEMO", False):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (production), or DJANGO_DEBUG=1 / JARIDA_DEMO=1 "
            "on a developer machine."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("JARIDA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("JARIDA_SITE_NAME", "جريدة")

INSTALLED_APPS = [
    # The admin, with the sign-in rules of jarida.ops (two-factor when JARIDA_ADMIN_2FA).
    "jarida.ops.apps.JaridaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "jarida.newsroom",
    "jarida.ingest",
    "jarida.search",
    "jarida.related",
    "jarida.comments",
    "jarida.syndication",
    "jarida.api",
    "jarida.ops",
    "jarida.caching",
    "jarida.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jarida.ops.middleware.RejectNulInPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page cache and HTTP caching headers (jarida.caching, ADR 0070): early, so a
    # hit skips the rest of the stack.
    "jarida.caching.middleware.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "jarida.ops.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jarida.ops.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's 404 first: imported WordPress URLs answer 301 (ADR 0067).
    "jarida.ingest.middleware.OldUrlRedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jarida" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jarida.site.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file by default (the embedded engine), DATABASE_URL for PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "jarida.sqlite3",
            # WAL lets readers go on while a writer commits; IMMEDIATE makes writers queue
            # on the busy timeout instead of failing with "database is locked" mid-transaction.
            # One connection per worker thread, kept: opening SQLite and running the PRAGMAs
            # below on every request cost more than the article page's queries (ADR 0072).
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (production, shared between workers), else in-process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's backend, reusing its Redis client (jarida/caching/redis.py).
            "BACKEND": "jarida.caching.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jarida",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Arabic, right to left. Times are stored in UTC and shown in the site's zone.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية")]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("JARIDA_TIME_ZONE", "Asia/Riyadh")
LOCALE_PATHS = [BASE_DIR / "jarida" / "locale"]

# How the reader site prints numbers: "arabic-indic" (٠١٢٣) or "western" (0123).
JARIDA_DIGITS = env_choice("JARIDA_DIGITS", "arabic-indic", ("arabic-indic", "western"))
JARIDA_PUBLISHER_NAME = env_str("JARIDA_PUBLISHER_NAME", SITE_NAME)
JARIDA_HOME_SECTION_BLOCKS = env_int("JARIDA_HOME_SECTION_BLOCKS", 6)
JARIDA_PAGE_SIZE = env_int("JARIDA_PAGE_SIZE", 20)
# Page cache and HTTP caching (jarida.caching; ADRs 0070-0072). The app's full-page cache
# needs a cache shared by all workers, so it is on by default only with REDIS_URL.
JARIDA_PAGE_CACHE = env_bool("JARIDA_PAGE_CACHE", bool(REDIS_URL))
JARIDA_PAGE_CACHE_SECONDS = env_int("JARIDA_PAGE_CACHE_SECONDS", 600)
# The blocks around an article (related list, comments, navigation), cached on their own
# so that a page the page cache misses (or an editor's) is quick to render (ADR 0074).
JARIDA_FRAGMENT_CACHE = env_bool("JARIDA_FRAGMENT_CACHE", bool(REDIS_URL))
JARIDA_PAGE_CACHE_LOCAL_ENTRIES = env_int("JARIDA_PAGE_CACHE_LOCAL_ENTRIES", 256)
JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS = env_float("JARIDA_PAGE_CACHE_LOCAL_TRUST_SECONDS", 0.25)
# Cache-Control of anonymous reader pages: browsers revalidate (max-age), shared caches
# (nginx, a CDN) keep a page s-maxage seconds and may serve it stale while refetching.
JARIDA_CACHE_MAX_AGE = env_int("JARIDA_CACHE_MAX_AGE", 0)
JARIDA_CACHE_S_MAXAGE = env_int("JARIDA_CACHE_S_MAXAGE", 60)
JARIDA_CACHE_STALE_WHILE_REVALIDATE = env_int("JARIDA_CACHE_STALE_WHILE_REVALIDATE", 30)
JARIDA_CACHE_STALE_IF_ERROR = env_int("JARIDA_CACHE_STALE_IF_ERROR", 86400)
# Front-end caches to refresh on purge (nginx, deploy/nginx/jarida.conf), and their secret.
JARIDA_CACHE_PURGE_URLS = env_list("JARIDA_CACHE_PURGE_URLS")
JARIDA_CACHE_PURGE_SECRET = env_str("JARIDA_CACHE_PURGE_SECRET")
# Feeds carry the whole body (content:encoded, Atom content) or only the standfirst (ADR 0060).
JARIDA_FEEDS_FULL_CONTENT = env_bool("JARIDA_FEEDS_FULL_CONTENT", False)
# The publisher's logo for structured data: a static path, at most 600x60 (ADR 0061).
JARIDA_PUBLISHER_LOGO = env_str("JARIDA_PUBLISHER_LOGO", "jarida/publisher-logo.png")
# Seconds browsers (max-age) and shared caches (s-maxage) may keep JSON API answers (ADR 0062).
JARIDA_API_MAX_AGE = env_int("JARIDA_API_MAX_AGE", 60)
JARIDA_API_S_MAXAGE = env_int("JARIDA_API_S_MAXAGE", 300)
# Feed import may fetch from private or loopback addresses (an intranet wire service).
# Off by default: a feed must not make the server read its own network (ADR 0066).
JARIDA_INGEST_ALLOW_PRIVATE_HOSTS = env_bool("JARIDA_INGEST_ALLOW_PRIVATE_HOSTS", False)

# Reader comments (jarida.comments; docs/decisions/0050-comments.md). Rates are
# "count/seconds" pairs, comma-separated; every window must hold.
JARIDA_COMMENTS = {
    "MODE": env_choice("JARIDA_COMMENTS_MODE", "pre", ("pre", "post")),
    "CLOSE_AFTER_DAYS": env_int("JARIDA_COMMENTS_CLOSE_AFTER_DAYS", 30),  # 0: never
    "MIN_LENGTH": 2,
    "MAX_LENGTH": env_int("JARIDA_COMMENTS_MAX_LENGTH", 3000),
    "MAX_NAME_LENGTH": 60,
    # Top-level comments (each with its replies) on the article page and on each further
    # page of the conversation (comments/<article>/page/<n>/).
    "THREADS_PER_PAGE": env_int("JARIDA_COMMENTS_THREADS_PER_PAGE", 50),
    "MAX_LINKS": env_int("JARIDA_COMMENTS_MAX_LINKS", 2),
    "MIN_FILL_SECONDS": env_int("JARIDA_COMMENTS_MIN_FILL_SECONDS", 4),
    "FORM_TOKEN_MAX_AGE": 24 * 3600,
    "RATE_PER_IP": env_str("JARIDA_COMMENTS_RATE_PER_IP", "4/60,30/3600"),
    "RATE_PER_EMAIL": env_str("JARIDA_COMMENTS_RATE_PER_EMAIL", "3/60,20/3600"),
    # Read the client address from this header (set by the reverse proxy), or REMOTE_ADDR.
    "DUPLICATE_WINDOW_HOURS": 24,
    "REPORTS_TO_REQUEUE": env_int("JARIDA_COMMENTS_REPORTS_TO_REQUEUE", 3),
    "TRUST_MIN_APPROVED": env_int("JARIDA_COMMENTS_TRUST_MIN_APPROVED", 3),
    "TRUST_WINDOW_DAYS": 90,
    "DEMOTE_MIN_DECISIONS": 3,
    "DEMOTE_REJECTION_RATE": 0.34,
    "NEW_COMMENTERS_PREMODERATED": True,
    "SPAM_THRESHOLD": 0.95,
    "SPAM_MIN_TRAINING": 20,  # decisions of each kind before the score counts
    "QUEUE_NOTIFY_SIZE": env_int("JARIDA_COMMENTS_QUEUE_NOTIFY_SIZE", 10),  # 0: never
    "QUEUE_NOTIFY_EVERY_MINUTES": 60,
    "QUEUE_NOTIFY_EMAILS": env_list("JARIDA_COMMENTS_NOTIFY_EMAILS"),
    "VERIFY_EMAILS": env_bool("JARIDA_COMMENTS_VERIFY_EMAILS", True),
    "BAN_ADDRESS_DAYS": 30,
}

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("JARIDA_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "jarida" / "static"]
# Self-hosted Arabic fonts, installed from the npm registry by `make` (package.json).
_FONTS = BASE_DIR / "node_modules" / "@fontsource"
for _family in ("noto-naskh-arabic", "noto-kufi-arabic"):
    if (_FONTS / _family / "files").is_dir():
        STATICFILES_DIRS.append((f"fonts/{_family}", _FONTS / _family / "files"))
STORAGES = {
    # Generated (uuid) names for every stored file, pictures only (jarida/ops/storage.py).
    "default": {"BACKEND": "jarida.ops.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The article body editor's own node for a quote's speaker (`<cite>`), which
# django-prose-editor lacks (jarida/newsroom/prose.py).
DJANGO_PROSE_EDITOR_EXTENSIONS = [{
    "js": [static_lazy("jarida/admin/prose-cite.js")],
    "extensions": {"Cite": cite_allowlist},
}]
MEDIA_URL = "/media/"
# Uploaded media are served by nginx in production; the demo lets Django serve them.
JARIDA_SERVE_MEDIA = env_bool("JARIDA_SERVE_MEDIA", DEBUG)
MEDIA_ROOT = Path(env_str("JARIDA_MEDIA_ROOT", str(BASE_DIR / "media")))

LOGIN_URL = "admin:login"

# Security and operations (jarida.ops; docs/deployment.md; ADRs 0080-0084).
# HTTPS: a JARIDA_SITE_URL starting with https:// turns on the redirect, HSTS and secure
# cookies; the demo and the tests run over plain http with all three off.
JARIDA_HTTPS = env_bool("JARIDA_HTTPS", SITE_URL.startswith("https://"))
SECURE_SSL_REDIRECT = JARIDA_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the app server over http
SECURE_HSTS_SECONDS = env_int("JARIDA_HSTS_SECONDS", 31_536_000 if JARIDA_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JARIDA_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("JARIDA_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto, and only then: a client
# could send the header itself to a server that faces the internet directly.
if env_bool("JARIDA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = JARIDA_HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # forms carry the token in the page
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("JARIDA_SESSION_HOURS", 12) * 3600  # only staff have sessions
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp, ADR 0081): scripts from this site or carrying the
# response's nonce, never inline otherwise. Styles from this site too, and the error pages'
# own inline rules by hash; the admin, whose pages set inline styles, gets 'unsafe-inline'
# for styles only (jarida.ops.middleware). Article bodies may show images from elsewhere
# (imported archives), hence https: images unless JARIDA_CSP_IMG_SRC narrows them.
_CSP = {"DIRECTIVES": {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, *inline_style_hashes(*(BASE_DIR / "jarida" / "templates" / name
                                               for name in ("400.html", "500.html")))],
    "img-src": [SELF, "data:", *env_list("JARIDA_CSP_IMG_SRC", "https:")],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "upgrade-insecure-requests": JARIDA_HTTPS,
    "report-uri": env_str("JARIDA_CSP_REPORT_URI") or None,
}}
if env_bool("JARIDA_CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# Admin sign-in: lock-out after repeated failures (django-axes, ADR 0082) and optional
# TOTP two-factor for staff (django-otp, ADR 0083).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("JARIDA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("JARIDA_LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit log (jarida.ops)
AXES_LOCKOUT_CALLABLE = "jarida.ops.views.lockout"
AXES_CLIENT_IP_CALLABLE = "jarida.ops.services.client_ip"
# The reverse proxy's header with the client's address (X-Forwarded-For, X-Real-IP), or "".
JARIDA_CLIENT_IP_HEADER = env_str("JARIDA_CLIENT_IP_HEADER", "")
JARIDA_ADMIN_2FA = env_bool("JARIDA_ADMIN_2FA", False)
OTP_TOTP_ISSUER = SITE_NAME
# Uploads: bounded in bytes and pixels, decoded and re-encoded (jarida/ops/uploads.py).
JARIDA_UPLOAD_MAX_BYTES = env_int("JARIDA_UPLOAD_MAX_MB", 10) * 1024 * 1024
JARIDA_IMAGE_MAX_PIXELS = env_int("JARIDA_IMAGE_MAX_PIXELS", 40_000_000)
FILE_UPLOAD_HANDLERS = [
    "jarida.ops.uploads.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
JARIDA_BACKUP_DIR = Path(env_str("JARIDA_BACKUP_DIR", str(VAR_DIR / "backups")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
                   "json": {"()": "jarida.ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "formatter": env_choice("JARIDA_LOG_FORMAT", "plain",
                                                     ("plain", "json"))}},
    "root": {"handlers": ["console"], "level": env_str("JARIDA_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
