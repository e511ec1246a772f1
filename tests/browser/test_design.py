"""
The design as people see it: charts whose text reads on a 360 px phone, the key numbers
on the first screen, dark mode from the same tokens, icons from this site, no layout shift.
"""

import pytest

# Run by `make test` in its PostgreSQL + Redis pass (Makefile, SERVICES_MARKERS).
pytestmark = [pytest.mark.browser, pytest.mark.on_services]

PHONE = {
    "viewport": {"width": 360, "height": 780},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
GUIDE = "/careers/registered-nurse/"
COMPARISON = "/compare/registered-nurse-vs-nurse-practitioner/"

# Every text of every chart: its rendered size in CSS px (font size × the SVG's scale).
CHART_TEXT = """() => [...document.querySelectorAll("figure.chart svg text")].map((t) => ({
  text: t.textContent.trim(),
  px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
  right: t.getBoundingClientRect().right,
}))"""


@pytest.mark.parametrize("path", [GUIDE, COMPARISON, "/compare/devops-engineer-vs-mlops-engineer/"])
def test_chart_text_is_at_least_12px_on_a_360px_phone(new_page, path):
    page = new_page(**PHONE)
    page.goto(path)
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) >= 6, texts
    small = [t for t in texts if t["px"] < 12]
    assert small == [], small
    # And none runs off the chart's edge.
    assert [t for t in texts if t["right"] > 360] == []


def test_comparison_charts_mark_medians_and_label_every_bar(page):
    page.goto(COMPARISON)
    salary = page.locator("figure.chart").first
    labels = salary.locator("text.label").all_text_contents()
    values = salary.locator("text.value").all_text_contents()
    assert labels == ["Registered Nurse", "Nurse Practitioner"]
    assert all("median $" in value for value in values), values
    assert salary.locator("line.marker").count() == 2
    # The two careers differ by more than colour: the second bar is outlined and dashed.
    dashes = page.evaluate(
        """() => ["bar-1", "bar-2"].map((name) =>
          getComputedStyle(document.querySelector(`.chart-svg .${name}`)).strokeDasharray)"""
    )
    assert dashes[0] == "none" and dashes[1] != "none"
    assert salary.locator("figcaption").inner_text().endswith(".")


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        (GUIDE, "#quick-facts .kf-item"),
        # A comparison's first screen is its jump list and bottom line (test_first_screen.py),
        # each direction's median pay included; the key numbers follow on the second.
        (COMPARISON, ".bottom-line .direction dd"),
    ],
)
def test_key_numbers_are_on_the_first_screen_of_a_phone(new_page, path, selector):
    page = new_page(**PHONE)
    page.goto(path)
    first = page.locator(selector).first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 780, f"{selector} ends at {box['y'] + box['height']}px"
    if path == COMPARISON:  # then both careers' medians, side by side, on the second screen
        medians = page.locator(".keynum-card dd.fig")
        boxes = [medians.nth(i).bounding_box() for i in range(2)]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
        assert boxes[0]["y"] + boxes[0]["height"] <= 2 * 780
        assert page.locator(".verdicts li").first.bounding_box()["y"] < 2.5 * 780


def test_dark_mode_uses_its_own_colours(page):
    looks = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(COMPARISON)
        looks[scheme] = page.evaluate(
            """() => [document.body, document.querySelector(".keynum-card"),
                      document.querySelector(".verdicts li"),
                      document.querySelector(".chart-svg .label")].map((el) => {
              const s = getComputedStyle(el);
              return [s.color, s.backgroundColor, s.fill];
            })"""
        )
    assert all(light != dark for light, dark in zip(looks["light"], looks["dark"], strict=True)), (
        looks
    )


@pytest.mark.parametrize("path", ["/", "/compare/", "/careers/", GUIDE, COMPARISON])
def test_pages_do_not_shift_as_they_load_and_icons_come_from_this_site(new_page, path):
    page = new_page(**PHONE)
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.__shift += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });"""
    )
    page.goto(path, wait_until="networkidle")
    assert page.evaluate("PerformanceObserver.supportedEntryTypes.includes('layout-shift')")
    assert page.evaluate("window.__shift") < 0.01
    # Every inline SVG says its size before any CSS arrives.
    unsized = page.evaluate(
        """() => [...document.querySelectorAll("main svg, header svg")]
          .filter((svg) => !svg.getAttribute("width") || !svg.getAttribute("height"))
          .map((svg) => svg.outerHTML.slice(0, 80))"""
    )
    assert unsized == []
    sprites = [url for url in page.requests.urls if "/static/icons/" in url]
    assert sprites, "no icon was drawn"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
