"""Site-wide views: home, about the data, robots.txt, health check and error pages."""

import contextvars
import logging
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from careers.models import OEWS_TOP_CODE, ORDER_TAG, Career, Category
from careers.search import closest_careers
from comparisons import advice, moves, related, verdicts
from comparisons.forms import PickerForm
from comparisons.models import Comparison
from fit import ranking as fit_ranking
from occupations import figures, onet
from occupations.models import Occupation, OnetProfile, WageRelease
from publishing import database
from publishing.pagecache import public_page
from publishing.seo import Meta, absolute
from publishing.versions import LISTS

logger = logging.getLogger("qoollege")

CAREERS_PER_CATEGORY = 8
HEALTH_KEY = "healthz-probe"
# Seconds /healthz waits for the database's answers before it says 503.
HEALTH_BUDGET = 2.0
ONET_ATTRIBUTION = (
    "Includes information from the O*NET 30.1 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license."
)


@require_safe
@public_page(depends=[LISTS, ORDER_TAG])
def home(request):
    # Each field with its career count and largest careers (one query each, any size).
    categories = Category.objects.annotate(
        published_count=Count("careers", filter=Q(careers__is_published=True))
    ).prefetch_related(
        Prefetch(
            "careers",
            Career.objects.published()
            .only("slug", "title", "category_id", "employment")
            # The occupations most people work in first: where a visitor is likeliest to be.
            .order_by(F("employment").desc(nulls_last=True), "title")[:CAREERS_PER_CATEGORY],
            to_attr="published_careers",
        )
    )
    featured = (
        Comparison.objects.published()
        .filter(is_featured=True)
        .select_related("career_a", "career_b")[:8]
    )
    meta = Meta(
        title="Compare careers side by side: pay, outlook, skills",
        description=(
            "Research-backed career guides built on US government data, and side-by-side "
            "comparisons of any two careers: salary, growth, education, skills and daily work."
        ),
        path="/",
        structured_data=[
            {
                "@type": "WebSite",
                "name": "Qoollege",
                "url": absolute("/"),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": absolute(reverse("careers:search")) + "?q={query}",
                    "query-input": "required name=query",
                },
            }
        ],
    )
    context = {
        "categories": [c for c in categories if c.published_careers],
        "featured": featured,
        "form": PickerForm(),
        "meta": meta,
    }
    return render(request, "home.html", context)


@require_safe
@public_page(depends=[LISTS])
def about_data(request):
    meta = Meta(
        title="About the data: where our figures come from",
        description=(
            "Where Qoollege's pay, growth, education and licence facts come from, how two "
            "careers are compared, and how the switching advice is worked out."
        ),
        path=reverse("about-data"),
        breadcrumbs=[("Home", "/"), ("About the data", reverse("about-data"))],
    )
    release = WageRelease.objects.order_by("-data_year").first()
    context = {
        "meta": meta,
        "onet": ONET_ATTRIBUTION,
        "release": release,
        # The rules as the code applies them, so this page cannot drift from them.
        "top_code": OEWS_TOP_CODE,
        "pay_usd": figures.PAY_TOLERANCE_USD,
        "pay_share": round(figures.PAY_TOLERANCE_SHARE * 100),
        "growth_points": verdicts.GROWTH_TOLERANCE_POINTS,
        "bring_min": advice.BRING_MIN,
        "build_min": advice.BUILD_MIN,
        "build_gap": advice.BUILD_GAP,
        "moves": moves.RULES,
        "fit": fit_ranking.RULES,
        "fit_statements": fit_ranking.statement_elements(),
        "min_similarity": onet.MIN_SIMILARITY,
        "min_shared": related.MIN_SHARED,
        "min_overlap": round(related.MIN_OVERLAP * 100),
        "profiles": OnetProfile.objects.count(),
        "occupations": Occupation.objects.count(),
        "guides": Career.objects.published().filter(has_guide=True).count(),
        "elements": onet.ELEMENT_COUNT,
    }
    return render(request, "about_data.html", context)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_PATH}",
        "Disallow: /compare/go/",
        "Disallow: /compare/add/",
        "Disallow: /compare/suggest/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute(reverse('sitemap-index'))}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on every site (the admin's pages have no icon link)."""
    response = redirect(static("img/favicon.svg"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _database_checks():
    """What pages need from the database, each part reported (run in a probe thread)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unreachable"
    if checks["database"] == "ok":
        try:
            published = Career.objects.published().count()
            checks["schema"] = "ok"
            checks["content"] = "ok" if published else "no published careers"
        except DatabaseError:
            checks["schema"] = "missing tables (run migrate)"
    return checks


class _Probe:
    """
    The database checks in a thread of their own, waited for HEALTH_BUDGET seconds at
    most: a database that accepts and never answers makes /healthz say 503 in time for
    the load balancer, instead of holding its probe until it gives up. One probe at a
    time per process: a request arriving while one runs waits for that probe's answer
    (what is left of its budget), so health checks that happen together all get the
    answer; once a probe has outlived its budget, the next answer "not answering" at once.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.flight = None  # (started, done, result) of the probe running now

    def run(self):
        with self.lock:
            if self.flight is None:
                self.flight = (time.monotonic(), threading.Event(), {})
                self._start(*self.flight[1:])
            started, done, result = self.flight
        left = HEALTH_BUDGET - (time.monotonic() - started)
        return dict(result) if left > 0 and done.wait(left) else None

    def _start(self, done, result):
        def probe():
            try:
                result.update(_database_checks())
                connection.close()  # this thread's own connection
            except Exception:  # reported as unreachable below
                logger.exception("Health check failed")
            finally:
                with self.lock:
                    self.flight = None
                done.set()

        threading.Thread(target=contextvars.copy_context().run, args=(probe,), daemon=True).start()


probe = _Probe()


@never_cache
@require_safe
def healthz(request):
    """
    For load balancers: can this server show pages? Checks what pages need and reports
    each part. 200 when pages can be served (a cache outage only makes them slower:
    "degraded"), 503 when the database, its schema or the content cannot be read, or
    the database does not answer within HEALTH_BUDGET seconds.
    """
    checks = probe.run()
    if checks is None:
        checks = {"database": "not answering"}
        database.breaker.failed()
    elif checks.get("database") == "ok":
        database.breaker.answered()
    if not checks:
        checks = {"database": "unreachable"}
    probe_key = secrets.token_hex(8)
    cache.set(HEALTH_KEY, probe_key, 30)
    checks["cache"] = "ok" if cache.get(HEALTH_KEY) == probe_key else "unavailable"

    failing = [name for name in ("database", "schema", "content") if checks.get(name) != "ok"]
    if failing:
        logger.warning(
            "Health check failing: %s", ", ".join(f"{n}={checks.get(n)}" for n in failing)
        )
        status = "error"
    else:
        status = "degraded" if checks["cache"] != "ok" else "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if failing else 200)


def page_not_found(request, exception):
    meta = Meta(
        title="Page not found",
        description="This page does not exist. Browse all careers or compare two careers.",
        path=request.path,
        robots="noindex,follow",
        breadcrumbs=[("Home", "/")],
    )
    context = {"meta": meta, "form": PickerForm(), "closest": _closest_guides(request)}
    return render(request, "404.html", context, status=404)


def _closest_guides(request):
    """For an unknown career address (/careers/registerd-nurse/): the nearest guides."""
    match = request.resolver_match
    if match is None or match.view_name != "careers:detail":
        return []
    try:
        return closest_careers(match.kwargs.get("slug", "").replace("-", " "), limit=5)
    except DatabaseError:  # the page must still say “not found”
        logger.warning("Closest careers for a 404: the database did not answer")
        return []


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception):
    return HttpResponse(
        "Bad request: the address or its parameters could not be understood.",
        status=400,
        content_type="text/plain; charset=utf-8",
    )
