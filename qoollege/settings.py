"""
Settings for Qoollege, driven by environment variables.

Every variable is listed in `.env.example` and the README. Development defaults are
safe: DEBUG is off unless DJANGO_DEBUG asks for it, and without DEBUG a secret key
must come from the environment.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Absolute base for canonical links, sitemaps and Open Graph URLs. Without DEBUG it must be
# given: a silent localhost default would send every canonical link and sitemap there.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SITE_URL must be set when DJANGO_DEBUG is off, e.g. https://www.example.com "
            "(see .env.example)."
        )
    SITE_URL = "http://127.0.0.1:8000"
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"DJANGO_SITE_URL must start with http:// or https://, not {SITE_URL!r}."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "publishing",
    "occupations",
    "careers",
    "comparisons",
    "fit",
    "catalog",
]

MIDDLEWARE = [
    "qoollege.middleware.RequestLogMiddleware",
    "qoollege.middleware.HostPortMiddleware",
    # Anonymous GET and HEAD take no write lock on SQLite (qoollege/sqlite3/base.py).
    "qoollege.middleware.ReadOnlyRequestsMiddleware",
    # Load balancers' probe: any Host, plain HTTP, before the redirects below.
    "qoollege.middleware.HealthCheckMiddleware",
    "qoollege.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "qoollege.middleware.PermissionsPolicyMiddleware",
    # Cache hits are answered here, with the headers above and before sessions, auth and
    # CSRF, which anonymous public pages never need.
    "publishing.pagecache.PageCacheMiddleware",
    "qoollege.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "publishing.pagecache.EditorCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "publishing.login.LoginRateCapMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Editors' sign-in protection (publishing/login.py). django-axes locks a username *from
# one IP address* after DJANGO_LOGIN_FAILURE_LIMIT failures, so nobody elsewhere can lock
# an editor out; a generous per-address cap (DJANGO_LOGIN_IP_FAILURE_CAP, any usernames)
# slows guessing from one place.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_COOLOFF_MINUTES = env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15)
LOGIN_IP_FAILURE_CAP = env_int("DJANGO_LOGIN_IP_FAILURE_CAP", 50)
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, trust
# only the connection's address).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = LOGIN_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "publishing.login.client_ip"
AXES_LOCKOUT_CALLABLE = "publishing.login.lockout_response"
AXES_VERBOSE = False

ROOT_URLCONF = "qoollege.urls"
WSGI_APPLICATION = "qoollege.wsgi.application"

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
                "qoollege.context_processors.site",
            ],
        },
    },
]

# SQLite by default (a file in the project); PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Bounded waits on the database (README, Databases): connecting, each statement, and an
# answer at all. A database that accepts connections and never answers costs a request
# these seconds, then a 503 (or the page's cached copy), never a worker for good.
DB_CONNECT_TIMEOUT = env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
DB_STATEMENT_TIMEOUT = env_int("DJANGO_DB_STATEMENT_TIMEOUT", 15)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Trigram similarity for typo corrections (careers.search). Only on PostgreSQL: the
    # app loads psycopg and libpq, about 27 MB in every worker a SQLite site never uses.
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django_htmx"), "django.contrib.postgres")
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": DB_CONNECT_TIMEOUT,
        # Server side: a statement (a lock wait included) longer than this is cancelled
        # (0: no limit, e.g. for a long import run by hand).
        "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}",
        # A peer that vanished from the network: unacknowledged data fails the connection.
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": DB_STATEMENT_TIMEOUT * 1000,
        **dict(DATABASES["default"].get("OPTIONS", {})),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend with DEFERRED transactions for what only reads
    # (qoollege/sqlite3/base.py, qoollege.middleware.ReadOnlyRequests).
    DATABASES["default"]["ENGINE"] = "qoollege.sqlite3"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Whatever writes takes the write lock at BEGIN, so two writers queue on the busy
        # timeout instead of failing with "database is locked" half-way through. Anonymous
        # page views begin DEFERRED and never wait for a writer (WAL readers do not).
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }

# Local memory by default; Redis (Django's own backend) when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("DJANGO_REDIS_TIMEOUT", "").strip() or 0.5)
# The Redis backend fails soft (publishing/cache_backends.py): an outage costs speed,
# never a 500. Configure Redis with `maxmemory` and an LRU policy (README, Caching).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "publishing.cache_backends.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "qoollege"),
            "TIMEOUT": 60 * 60 * 24,
            # Connecting and each command wait at most this long; the backend then serves
            # without the cache for a few seconds (publishing/cache_backends.py).
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "qoollege",
            "TIMEOUT": 60 * 60 * 24,
            # Pages are kept compressed (publishing.pagecache.Entry, 4-16 KB each): this
            # bounds the page cache near 10 MB per process.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# Failed sign-ins are counted in the database, with or without Redis: a cache that is
# down, full or restarted must not lift a lock (publishing/login.py).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Renders (pages the cache does not hold) one client may cause a minute; 0: no cap
# (publishing/throttle.py). Cached pages are never limited.
PAGE_MISSES_PER_MINUTE = env_int("DJANGO_PAGE_MISSES_PER_MINUTE", 120)

# With the local-memory cache, each process re-reads the content version from the
# database at most this often (seconds): other workers show an edit within this time.
# With Redis the new version is written through at once. See publishing/versions.py.
CONTENT_VERSION_TTL = float(os.environ.get("DJANGO_CONTENT_VERSION_TTL", "1") or 1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True
# One date format for the site and the admin: "7 December 2026" (qoollege/formats/en).
FORMAT_MODULE_PATH = ["qoollege.formats"]

STATIC_URL = "static/"
# Where `collectstatic` writes and whitenoise serves from (a deploy may put it elsewhere).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 60 * 60  # unhashed files; hashed names are cached "forever"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security. HTTPS settings are opt-in so `make serve` works over plain HTTP locally;
# production sets DJANGO_SECURE_SSL_REDIRECT=true (see README).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is hard to undo (browsers ship the list): only when explicitly asked for.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # editors sign in again after 12 hours
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_SSL_REDIRECT else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_SSL_REDIRECT else "csrftoken"
# Signed, set at an editor's sign-in: lets the page cache step aside without a session
# lookup (publishing/pagecache.py). A forged one is ignored.
EDITOR_COOKIE_NAME = "__Host-editor" if SECURE_SSL_REDIRECT else "editor"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"one_line": {"()": "qoollege.logs.OneLineWarning"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "level": "WARNING",
        },
        "stderr_one_line": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "filters": ["one_line"],
        },
    },
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING"},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {
            "handlers": ["stderr_one_line"],
            "level": "ERROR",
            "propagate": False,
        },
        "qoollege": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "qoollege.requests": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}

# The admin's address, without a leading slash (e.g. "staff-only/").
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# US state shapes for the pay-by-state maps (occupations.maps): committed data, read at run time.
US_MAP_FILE = BASE_DIR / "occupations" / "data" / "us_map.json"
# The OEWS states and territories (slugs, postal codes), as loadcatalog loads them.
US_STATES_FILE = BASE_DIR / "occupations" / "data" / "us_states.json"
