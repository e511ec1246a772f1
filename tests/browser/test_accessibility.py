"""axe-core on the main kinds of page, in light and dark mode; and no third-party requests."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# Run by `make test` in its PostgreSQL + Redis pass (Makefile, SERVICES_MARKERS).
pytestmark = [pytest.mark.browser, pytest.mark.on_services]

PAGES = {
    "home": ("/", 200),
    "careers-index": ("/careers/", 200),
    "careers-index-left-out": ("/careers/?state=texas&pay=100000", 200),
    "guide": ("/careers/registered-nurse/", 200),
    "comparison": ("/compare/devops-engineer-vs-mlops-engineer/", 200),
    "shortlist": ("/compare/registered-nurse-vs-physician-assistant-vs-nurse-practitioner/", 200),
    "shortlist-of-four": ("/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal/", 200),
    "add-to-comparison": ("/compare/add/?to=lawyer-vs-plumber&career=xyzzyq", 200),
    "comparisons-index": ("/compare/", 200),
    "moves": ("/careers/electrician/moves/", 200),
    "search": ("/search/?q=nurse", 200),
    "not-found": ("/careers/nope/", 404),
}
BLOCKING = ("serious", "critical")


def by_impact(results):
    """{impact: {rule id: [CSS targets]}} for the violations, and for what axe left to check."""
    found = {}
    for kind in ("violations", "incomplete"):
        for rule in results.response.get(kind, []):
            nodes = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
            key = rule["id"] if kind == "violations" else f"{rule['id']} (needs review)"
            found.setdefault(rule["impact"], {})[key] = nodes
    return found


def blocking(report):
    return {
        impact: [rule for rule in report.get(impact, {}) if not rule.endswith("(needs review)")]
        for impact in BLOCKING
        if any(not rule.endswith("(needs review)") for rule in report.get(impact, {}))
    }


@pytest.fixture(scope="module")
def axe():
    return Axe()


def check(axe, page):
    results = axe.run(page, options={"resultTypes": ["violations", "incomplete"]})
    assert results.response["passes"], "axe ran no rule"
    return by_impact(results)


NOT_FOUND_ON_PURPOSE = pytest.mark.allow_console(r"status of 404 \(Not Found\)")


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=NOT_FOUND_ON_PURPOSE) if status == 404 else name
        for name, (_path, status) in PAGES.items()
    ],
)
def test_no_serious_accessibility_violations(page, axe, name):
    path, status = PAGES[name]
    assert page.goto(path).status == status
    report = {"light": check(axe, page)}
    page.emulate_media(color_scheme="dark")
    report["dark"] = check(axe, page)
    print(f"\naxe {name} ({path}): {report}")

    assert {scheme: blocking(found) for scheme, found in report.items()} == {
        "light": {},
        "dark": {},
    }
    assert page.requests.urls, "the request log saw nothing"
    assert page.requests.foreign() == [], "requests left the live server"


def test_no_serious_violations_after_htmx_swaps(page, axe):
    """The states only JavaScript reaches: picker errors, a comparison loaded in place."""
    page.goto("/")
    page.get_by_label("First career").fill("Xyzzy")
    page.get_by_label("Second career").fill("Xyzzy")
    page.locator("#picker").get_by_role("button", name="Compare").click()
    page.locator("#id_b-error").wait_for()
    report = {"picker errors": check(axe, page)}

    page.get_by_label("First career").fill("DevOps Engineer")
    page.get_by_label("Second career").fill("MLOps Engineer")
    page.locator("#picker").get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/devops-engineer-vs-mlops-engineer/")
    page.locator("table.compare-table").wait_for()
    report["comparison loaded by the picker"] = check(axe, page)

    page.goto("/")
    page.get_by_role("combobox", name="Search careers").press_sequentially("nurse")
    page.locator("#site-search-listbox [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    report["search suggestions, one active"] = check(axe, page)

    page.get_by_role("combobox", name="First career").press_sequentially("engineer")
    page.locator("#id_a-listbox [role=option]").first.wait_for()
    report["picker suggestions"] = check(axe, page)

    page.goto("/careers/")
    page.get_by_label("Field").select_option("healthcare")
    page.wait_for_url("**category=healthcare**")
    page.get_by_role("heading", level=1, name="Healthcare careers").wait_for()
    report["careers filtered in place"] = check(axe, page)
    print(f"\naxe after htmx swaps: {report}")

    assert {state: blocking(found) for state, found in report.items()} == dict.fromkeys(report, {})
    assert page.requests.foreign() == [], "requests left the live server"


TAPPED_ON_A_PHONE = [
    "/careers/registered-nurse/",  # similar careers: a title and its "compare" link
    "/compare/registered-nurse-vs-nurse-practitioner/?place=california",  # the place's metros
    "/careers/registered-nurse/pay/california/",
    "/careers/",
    "/",
]


def test_every_link_is_a_target_a_finger_can_hit_on_a_phone(page, axe):
    # WCAG 2.2 target size (axe's `target-size`, which Lighthouse's accessibility score
    # counts and the run above leaves out): each target at least 24 px, or that far from
    # the next.
    page.set_viewport_size({"width": 360, "height": 800})
    found = {}
    for path in TAPPED_ON_A_PHONE:
        assert page.goto(path).status == 200
        results = axe.run(page, options={"runOnly": {"type": "rule", "values": ["target-size"]}})
        assert results.response["passes"] or results.response["violations"], "axe ran no rule"
        for rule in results.response["violations"]:
            found[path] = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
    assert found == {}
