"""Jarida settings: one module, driven by environment variables (see docs/deployment.md).

Defaults are for a developer's machine and the demo: SQLite file, in-process cache.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_bool, env_choice, env_int, env_list, env_str

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_prose_editor",
    "jarida.newsroom",
    "jarida.ingest",
    "jarida.search",
    "jarida.related",
    "jarida.comments",
    "jarida.syndication",
    "jarida.api",
    "jarida.ops",
    "jarida.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("JARIDA_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "jarida" / "static"]
# Self-hosted Arabic fonts, installed from the npm registry by `make` (package.json).
_FONTS = BASE_DIR / "node_modules" / "@fontsource"
for _family in ("noto-naskh-arabic", "noto-kufi-arabic"):
    if (_FONTS / _family / "files").is_dir():
        STATICFILES_DIRS.append((f"fonts/{_family}", _FONTS / _family / "files"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
# Uploaded media are served by nginx in production; the demo lets Django serve them.
JARIDA_SERVE_MEDIA = env_bool("JARIDA_SERVE_MEDIA", DEBUG)
MEDIA_ROOT = Path(env_str("JARIDA_MEDIA_ROOT", str(BASE_DIR / "media")))

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("JARIDA_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
