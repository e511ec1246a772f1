"""
Browser tests: Playwright (sync API) driving the system Chromium against `live_server`.

The live server runs on a transactional test database that is flushed after every test
and given the demo catalogue back (tests/database.py); each test that needs pages asks
for `site`, which also clears the page cache. Playwright's sync API runs an event loop in
the test thread, which Django would otherwise take for an async context and refuse
database access from: the `browser` fixture allows that for the browser tests only,
while they run.

Every page a test opens is watched: a console error (htmx reports its own through the
console), an uncaught page error or a Content-Security-Policy violation fails the test,
unless the test names it with `@pytest.mark.allow_console(pattern, …)`.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

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
    """The live server's URL, with the demo catalogue and an empty page cache."""
    from publishing import versions

    cache.clear()
    versions.memo.forget()
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


# Reports every CSP violation to the test (the binding survives navigations). Init
# scripts are injected by the browser itself, so the page's CSP does not block this one.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class Problems:
    """Console errors, page errors and CSP violations seen on one page."""

    def __init__(self):
        self.seen = []

    def console(self, message):
        if message.type == "error":
            where = message.location.get("url") or "?"
            self.seen.append(f"console error: {message.text} ({where})")

    def page_error(self, error):
        self.seen.append(f"page error: {error}")

    def csp(self, _source, report):
        self.seen.append(f"CSP violation: {report}")

    def unexpected(self, allowed):
        return [p for p in self.seen if not any(re.search(a, p) for a in allowed)]


def open_page(browser, origin, **context_options):
    context = browser.new_context(base_url=origin, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    problems = Problems()
    context.expose_binding("reportCspViolation", problems.csp)
    context.add_init_script(REPORT_CSP)
    page = context.new_page()
    page.requests = RequestLog(origin)
    page.problems = problems
    page.on("request", page.requests)
    page.on("console", problems.console)
    page.on("pageerror", problems.page_error)
    return context, page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A browser test that passed still fails if any of its pages logged a problem."""
    result = yield
    marker = item.get_closest_marker("allow_console")
    allowed = marker.args if marker else ()
    for page in getattr(item, "browser_pages", []):
        page.wait_for_timeout(50)  # let the last console messages arrive
        found = page.problems.unexpected(allowed)
        assert not found, "the browser reported problems:\n" + "\n".join(found)
    return result


@pytest.fixture
def new_page(request, browser, site):
    """A factory for pages with their own context options (viewport, colour scheme…)."""
    contexts = []
    request.node.browser_pages = []

    def make(**context_options):
        context, page = open_page(browser, site, **context_options)
        contexts.append((context, page))
        request.node.browser_pages.append(page)
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
