"""
Browser tests: Playwright (sync API) driving the system Chromium against `live_server`.

The live server runs on a transactional test database that is flushed after every test,
so each test that needs pages asks for `site`, which (re)loads the demo catalogue and
clears the page cache. Playwright's sync API runs an event loop in the test thread, which
Django would otherwise take for an async context and refuse database access from: the
`browser` fixture allows that for the browser tests only, while they run.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Chromium not found: install it with `apt-get install -y chromium` "
            "(Playwright must use /usr/bin/chromium)"
        )
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's URL, with the demo catalogue loaded and an empty page cache."""
    from careers.models import Career

    if not Career.objects.exists():
        call_command("loadcatalog", verbosity=0)
    cache.clear()
    return live_server.url


class RequestLog:
    """Every URL a page asked for, to prove nothing leaves the live server."""

    def __init__(self, origin):
        self.origin = origin
        self.urls = []

    def __call__(self, request):
        self.urls.append(request.url)

    def foreign(self):
        ours = urlsplit(self.origin).netloc
        return [
            url
            for url in self.urls
            if not url.startswith(("data:", "about:")) and urlsplit(url).netloc != ours
        ]


def open_page(browser, origin, **context_options):
    context = browser.new_context(base_url=origin, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.requests = RequestLog(origin)
    page.on("request", page.requests)
    return context, page


@pytest.fixture
def new_page(browser, site):
    """A factory for pages with their own context options (viewport, colour scheme…)."""
    contexts = []

    def make(**context_options):
        context, page = open_page(browser, site, **context_options)
        contexts.append((context, page))
        return page

    yield make
    for context, _page in contexts:
        context.close()
    for _context, page in contexts:
        assert page.requests.foreign() == [], "requests left the live server"


@pytest.fixture
def page(new_page):
    """A page with JavaScript, as most visitors have it."""
    return new_page()


@pytest.fixture
def nojs_page(new_page):
    """A page with JavaScript disabled: plain links and GET forms only."""
    return new_page(java_script_enabled=False)
