"""Django settings, read from the environment.

DATABASE_URL selects the database (SQLite file under var/ by default), SECRET_KEY, DEBUG and ALLOWED_HOSTS
configure a deployment. With DEBUG off the security settings are those `dangvu check --deploy` asks for.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# A deployment sets SECRET_KEY; without it a fixed development key is used, which `check --deploy` rejects.
DEV_SECRET_KEY = "dev-only-insecure-key-" + "x" * 40  # public: in the repository (dangvu.core.checks)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dangvu.core",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.members",
    "dangvu.admission",
    "dangvu.reports",
    "dangvu.work",
    "dangvu.meetings",
    "dangvu.tasks",
    "dangvu.rating",
    "dangvu.news",
    "dangvu.transfers",
    "dangvu.records",
    "dangvu.dues",
    "dangvu.demo",
    "dangvu.pgsearch",
    "dangvu.staff",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dangvu.core.middleware.RequestSizeMiddleware",  # before anything reads the body
    "dangvu.core.middleware.NullCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dangvu.core.middleware.ClientAddressMiddleware",
    "dangvu.accounts.scope.RequestScopeMiddleware",
    "dangvu.accounts.sessions.IdleTimeoutMiddleware",
    "dangvu.core.middleware.ConflictMiddleware",
    "dangvu.core.db_router.ReplicaViewsMiddleware",
    "dangvu.staff.gate.GateMiddleware",
]

ROOT_URLCONF = "dangvu.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["dangvu.core.templatetags.numbers"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangvu.core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "dangvu.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A read replica for report and dashboard reads (dangvu.core.db_router); tests read it as the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
for _database in DATABASES.values():
    if _database["ENGINE"].endswith("postgresql"):
        # Page and report queries are short: compiling them (JIT) costs more than it saves (0.2-0.3 s on the
        # national report). The server's other settings and PGOPTIONS still apply.
        _database.setdefault("OPTIONS", {})["options"] = f"-c jit=off {os.environ.get('PGOPTIONS', '')}".strip()
DATABASE_ROUTERS = ["dangvu.core.db_router.ReplicaRouter"]
DATABASE_REPLICA_VIEWS = ["dashboard", "reports:"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by the application's processes on this machine (dangvu.core.cache): the session, the user
# and the user's mandates of each logged-in request come from it, not from the database (dangvu.accounts.cache).
CACHES = {
    "default": {
        "BACKEND": "dangvu.core.cache.SharedFileCache",
        "LOCATION": os.environ.get("DANGVU_CACHE_DIR", str(VAR_DIR / "cache")),
        "KEY_FUNCTION": "dangvu.core.cache.make_key",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
AUTHENTICATION_BACKENDS = ["dangvu.accounts.cache.CachedModelBackend"]

# Django's validators with Vietnamese messages (dangvu.staff.passwords)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "dangvu.staff.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "dangvu.staff.passwords.MinimumLengthValidator"},
    {"NAME": "dangvu.staff.passwords.CommonPasswordValidator"},
    {"NAME": "dangvu.staff.passwords.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "Đảng vụ"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
# Vietnamese for the strings Django's own catalogue lacks ("- Select an option -"): scripts/compile_messages.py
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # else every integer (ids, years) in a template gets dots
FORMAT_MODULE_PATH = ["dangvu.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# The largest request a page takes (the members import: a 60 MB file and its form), refused before it is read
DANGVU_MAX_REQUEST_MB = int(os.environ.get("DANGVU_MAX_REQUEST_MB", "64"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Login protection (dangvu.accounts.lockout): LOCKOUT_FAILURES failures for one user name lock that name for
# LOCKOUT_MINUTES; LOCKOUT_ADDRESS_FAILURES from one address lock that address for the names it has not
# logged in with before. Failure rows older than LOCKOUT_KEEP_HOURS are purged.
LOCKOUT_FAILURES = int(os.environ.get("LOCKOUT_FAILURES", "5"))
LOCKOUT_ADDRESS_FAILURES = int(os.environ.get("LOCKOUT_ADDRESS_FAILURES", "30"))
LOCKOUT_MINUTES = int(os.environ.get("LOCKOUT_MINUTES", "15"))
LOCKOUT_KEEP_HOURS = int(os.environ.get("LOCKOUT_KEEP_HOURS", "24"))
# The reverse proxies (addresses or networks) whose X-Forwarded-For names the client; empty: none is trusted.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
# Sessions: at most SESSION_HOURS long; ended after SESSION_IDLE_MINUTES without a request, or
# SESSION_IDLE_MINUTES_OFFICE for the roles that reach many people's records (admin, office, inspection).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "12")) * 3600
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "240"))
SESSION_IDLE_MINUTES_OFFICE = int(os.environ.get("SESSION_IDLE_MINUTES_OFFICE", "30"))

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts only from this site's own files (no inline script, no eval); inline style attributes stay allowed;
# no framing; charts are data: images. Referrer-Policy: the address is sent within the site only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
# LibreOffice conversions to PDF at once on this machine, across server processes (reports.pdf)
PDF_CONVERSIONS = int(os.environ.get("PDF_CONVERSIONS", "2"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
