"""TĐKT settings: one module, every deployment knob read from the environment.

Defaults give a self-contained development install (SQLite under ./var, no other service).
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    try:
        return default if raw is None else int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def database_from_url(url: str) -> dict:
    """Translate DATABASE_URL (sqlite:///path or postgres://user:pw@host:port/name)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path[1:] or ":memory:"}
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path[1:]),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            # No parallel query by default: a page's query served by parallel workers spent
            # more CPU in all (the ledger searched for "le": 24 ms over three processes against
            # 10 ms in one), and with many requests at once on few cores every CPU is taken
            # already. A reporting host with idle cores may allow some.
            "OPTIONS": {"options": "-c max_parallel_workers_per_gather="
                                   f"{env_int('DATABASE_PARALLEL_WORKERS', 0)}"},
        }
    raise ImproperlyConfigured(f"Unsupported DATABASE_URL scheme: {parsed.scheme!r}")


DEBUG = env_bool("DJANGO_DEBUG", True)
# Under DEBUG the site still shows its own 404/500 pages (core.middleware); 1 = Django's
# technical pages, for whoever debugs.
TDKT_TECHNICAL_ERROR_PAGES = env_bool("TDKT_TECHNICAL_ERROR_PAGES", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_str("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
VAR_DIR = Path(env_str("TDKT_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite file and private uploads live here

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",  # serves its own Swagger UI files (no CDN)
    "django_tasks",
    "django_tasks_db",
    "core",
    "audit",
    "accounts",
    "organisations",
    "imports",
    "awards",
    "proposals",
    "reports",
    "decisions",
    "portal",
    "notifications",
    "emulation",
    "api",
    "documents",
    "claims",
    "tdkt",  # the project package: the home page, the menu and seed_demo read every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SlidingSessionMiddleware",
    "core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.TwoFactorEnrolmentMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the session, user and messages: its error pages render in the site's layout.
    "core.middleware.FriendlyErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "tdkt.urls"
WSGI_APPLICATION = "tdkt.wsgi.application"

TEMPLATES = [
    {
        # Django's, its render's context freed at once (no reference cycle left to the
        # garbage collector); named as Django's own is.
        "BACKEND": "core.template_backend.DjangoTemplates",
        "NAME": "django",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "core.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tdkt.navigation.navigation",
                "notifications.context_processors.unread_notifications",
                # last: a page rendered for keeping gets the CSRF token's mark (core.interfaces.
                # kept_pages), over the token of Django's built-in `csrf` processor
                "core.interfaces.kept_pages.marking",
            ],
        },
    }
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tdkt.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the task worker write progress while a page reads it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every gunicorn worker (and thread) of the host: a file per entry under
# var/cache. The dashboard's figures (seconds of grouping at province scale) are computed once
# per version of the data, not once per worker. TDKT_CACHE_DIR="" falls back to a per-process
# memory cache (development without a writable var/).
CACHE_DIR = env_str("TDKT_CACHE_DIR", str(VAR_DIR / "cache"))
CACHES = {"default": {
    "BACKEND": "core.file_cache.FileCache", "LOCATION": CACHE_DIR,
    # Room for a session, a user row and a role list per signed-in user besides the figures:
    # past MAX_ENTRIES the file cache culls a third of its entries at random (the dashboard's too).
    "TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 10000},
} if CACHE_DIR else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A session is read through the shared cache, the database its store of record: one query less
# on every signed-in page. Signing out deletes it from both. Only with the shared cache: with a
# per-process cache a signed-out session would live on in the other workers' memory.
SESSION_ENGINE = ("django.contrib.sessions.backends.cached_db" if CACHE_DIR
                  else "django.contrib.sessions.backends.db")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend whose session user is read through the shared cache (dropped on any save).
    "accounts.interfaces.backends.CachedUserBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.domain.passwords.CharacterClassValidator"},
]
# Idle sessions expire after 30 minutes; requests slide the window, saving the session at most
# once a minute (core.middleware.SlidingSessionMiddleware), not on every request.
SESSION_COOKIE_AGE = env_int("TDKT_SESSION_IDLE_SECONDS", 30 * 60)
TDKT_SESSION_REFRESH_SECONDS = env_int("TDKT_SESSION_REFRESH_SECONDS", 60)
# A signed-in user's list pages kept per process under their tables' commit epochs
# (core.interfaces.kept_pages; PostgreSQL only). Tests of what lies beneath a page switch it off;
# TDKT_KEEP_PAGES=0 measures every page as the first request after a write (bench/bench_pages.py).
TDKT_KEEP_PAGES = env_bool("TDKT_KEEP_PAGES", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Sign-in throttling (accounts.domain.signin): failures per username / per address in the window.
TDKT_LOGIN_WINDOW_SECONDS = env_int("TDKT_LOGIN_WINDOW_SECONDS", 15 * 60)
TDKT_LOGIN_MAX_FAILURES_PER_USER = env_int("TDKT_LOGIN_MAX_FAILURES_PER_USER", 5)
TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
# Two-factor sign-in (accounts.domain.twofactor): when on, system administrators and board staff
# must enrol an authenticator before they can use the back office.
TDKT_REQUIRE_2FA_FOR_STAFF = env_bool("TDKT_REQUIRE_2FA_FOR_STAFF", False)
# Key sealing stored secrets (TOTP keys); empty = derived from SECRET_KEY (accounts.domain.sealing).
TDKT_SECRETS_KEY = env_str("TDKT_SECRETS_KEY", "")
# REST API throttling (per address without a token, per user with one); `make fuzz` raises them.
TDKT_API_RATE_ANON = env_str("TDKT_API_RATE_ANON", "30/m")
TDKT_API_RATE_USER = env_str("TDKT_API_RATE_USER", "600/m")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploaded and generated files live outside the web root and are served only through views.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind nginx (docs/deployment.md): TLS ends at the proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
# The host is TĐKT's own name (tdkt.<province>.gov.vn): covering its subdomains is safe.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
CSRF_TRUSTED_ORIGINS = [o for o in env_str("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

TASKS = {
    "default": {
        "BACKEND": env_str("TDKT_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TDKT_LOG_LEVEL", "WARNING")},
}

# E-mail (notifications' outbox; sent by the task worker, never in a request). Development
# writes each mail as a file under var/mail; production sets EMAIL_HOST and friends (SMTP).
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend" if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "TĐKT <tdkt@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute address of the site, for links in e-mails (a worker has no request to take it from).
TDKT_SITE_URL = env_str("TDKT_SITE_URL", "http://127.0.0.1:8000")
# Seconds a subscribed system has to answer a webhook before the delivery is retried later.
TDKT_WEBHOOK_TIMEOUT = env_int("TDKT_WEBHOOK_TIMEOUT", 10)

# Largest dossier file accepted by upload forms (core.uploads), in MB.
TDKT_MAX_UPLOAD_MB = env_int("TDKT_MAX_UPLOAD_MB", 20)
# Largest total a .docx/.xlsx upload may declare it unpacks to ("zip bomb" guard), in MB.
TDKT_MAX_UNPACKED_MB = env_int("TDKT_MAX_UNPACKED_MB", 200)
# Largest spreadsheet accepted by the importers (bytes).
TDKT_IMPORT_MAX_BYTES = env_int("TDKT_IMPORT_MAX_BYTES", 60 * 1024 * 1024)

# Signed decisions (decisions.domain.signatures; docs/deployment.md §3): the trust anchors the
# signer's certificate must chain to — PEM/DER files or folders of them, separated by ":"
# (e.g. the Government Cipher Committee's root CA) — whether pyHanko may fetch CRLs/OCSP over
# the network, and the organisation's own PKCS#12 signature applied after the signer's.
TDKT_SIGNING_TRUST_ANCHORS = [
    path for path in env_str("TDKT_SIGNING_TRUST_ANCHORS",
                             str(VAR_DIR / "trust-anchors")).split(os.pathsep) if path]
TDKT_SIGNING_FETCH_REVOCATION = env_bool("TDKT_SIGNING_FETCH_REVOCATION", False)
TDKT_ORGANISATION_PKCS12 = env_str("TDKT_ORGANISATION_PKCS12", "")
TDKT_ORGANISATION_PKCS12_PASSWORD = env_str("TDKT_ORGANISATION_PKCS12_PASSWORD", "")
