"""Printed pages: the content and its sources, where it came from and when; no navigation."""

import re
from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.browser

COMPARISON = "/compare/devops-engineer-vs-mlops-engineer/"
GREY = re.compile(r"rgb\((\d+), \1, \1\)")


def test_a_comparison_prints_sources_address_and_date_but_no_navigation(page):
    page.goto(COMPARISON)
    sources = page.locator("details.sources li a").first
    print_line = page.locator(".print-source")
    assert not sources.is_visible() and not print_line.is_visible()  # on screen

    page.emulate_media(media="print")
    # Sources are expanded, each with its address (paper has no links).
    assert sources.is_visible()
    after = sources.evaluate("a => getComputedStyle(a, '::after').content")
    assert sources.get_attribute("href") in after
    # Where the page came from, and when its content last changed.
    assert print_line.is_visible()
    today = datetime.now(UTC).strftime("%-d %B %Y")
    assert print_line.inner_text() == (
        f"Qoollege · http://testserver{COMPARISON} · updated {today}"
    ), "the canonical address (DJANGO_SITE_URL) and the content's date"
    # Navigation, the picker and the link cards stay off the paper.
    off_paper = [
        "header.site-header",
        "footer.site-footer",
        ".breadcrumbs",
        "#picker",
        "#guides-h",
        "section[aria-labelledby=guides-h] .card-list",
        "section[aria-labelledby=related-h]",
    ]
    assert [s for s in off_paper if page.locator(s).first.is_visible()] == []
    # The comparison itself prints: the table, the verdicts, both charts.
    assert page.locator("table.compare-table").is_visible()
    assert page.locator(".verdicts").is_visible()
    assert page.locator("figure.chart").count() == 2

    # Charts in black and white: grey or white bars told apart by an outline, black text.
    fills = page.evaluate(
        """() => Object.fromEntries(
          ["bar-1", "bar-2", "label", "value"].map((name) => {
            const el = document.querySelector(`.chart-svg .${name}`);
            const style = getComputedStyle(el);
            return [name, { fill: style.fill, stroke: style.stroke }];
          }))"""
    )
    assert all(GREY.fullmatch(f["fill"]) for f in fills.values()), fills
    assert fills["bar-1"]["fill"] != fills["bar-2"]["fill"]
    assert fills["bar-2"]["stroke"] == "rgb(0, 0, 0)"
    assert fills["label"]["fill"] == fills["value"]["fill"] == "rgb(0, 0, 0)"

    # In dark mode too the paper gets black on white.
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).color,"
        " getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_a_guide_prints_without_its_comparison_links(page):
    page.goto("/careers/registered-nurse/")
    page.emulate_media(media="print")
    assert page.locator("#sources li a").first.is_visible()
    assert page.locator(".print-source").is_visible()
    assert not page.locator("aside.more").is_visible()
    assert not page.locator("#picker").is_visible()
    assert page.locator("figure.chart").is_visible()


SHORTLIST = "/compare/registered-nurse-vs-physician-assistant-vs-nurse-practitioner/"
NURSES = "/compare/registered-nurse-vs-nurse-practitioner/"
# Every control and focus ring as the paper would show them: visible forms and buttons,
# and any element whose outline or box shadow is drawn.
ON_PAPER = """() => {
  const seen = (el) => el.checkVisibility() && el.getClientRects().length > 0;
  const controls = [...document.querySelectorAll("form, button, select, input, textarea")]
    .filter(seen).map((el) => el.outerHTML.slice(0, 60));
  const rings = [...document.querySelectorAll("*")].filter((el) => {
    const style = getComputedStyle(el);
    return seen(el) && ((style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none") && el.matches(":focus, :focus-visible");
  }).map((el) => el.tagName);
  return { controls, rings };
}"""


def printed_address(page):
    page.emulate_media(media="print")
    line = page.locator("#print-source")
    assert line.is_visible()
    return line.inner_text().split(" · ")[1]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_shortlist_prints_its_address_in_the_order_chosen_without_controls(new_page, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(SHORTLIST)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical.endswith(
        "/compare/nurse-practitioner-vs-physician-assistant-vs-registered-nurse/"
    ), "the canonical is alphabetical; the paper shows the order the person chose"
    # The keyboard focus is somewhere on the page when it is printed.
    page.locator(".jumps a").first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement !== document.body")
    on_screen = page.evaluate(ON_PAPER)
    assert on_screen["controls"] and on_screen["rings"], "on screen: forms and a focus ring"
    assert printed_address(page) == f"http://testserver{SHORTLIST}"
    assert page.evaluate(ON_PAPER) == {"controls": [], "rings": []}
    assert page.locator("table.compare-table").is_visible()
    # Every career's bar in black and white, each its own grey.
    bars = page.evaluate(
        """() => ["bar-1", "bar-2", "bar-3"].map(
          (name) => getComputedStyle(document.querySelector(`.chart-svg .${name}`)).fill)"""
    )
    assert all(GREY.fullmatch(fill) for fill in bars) and len(set(bars)) == 3, bars
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_comparison_prints_the_place_shown(new_page, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(NURSES + "?place=texas")
    assert printed_address(page) == f"http://testserver{NURSES}?place=texas"
    assert page.locator("#place .place-result h3").is_visible()  # the figures printed
    assert page.evaluate(ON_PAPER) == {"controls": [], "rings": []}

    # A place chosen on the page (htmx swaps the section): the paper follows it, and the
    # focus ring on the swapped section is not printed.
    page.emulate_media(media="screen")
    page.get_by_label("Where do you live?").select_option("ohio")
    with page.expect_response(lambda r: "place=ohio" in r.url):
        page.get_by_role("button", name="Show pay there").click()
    page.locator("#place h3").get_by_text("in Ohio").wait_for()
    assert printed_address(page) == f"http://testserver{NURSES}?place=ohio"
    assert page.evaluate(ON_PAPER) == {"controls": [], "rings": []}


# Every table wider than the page: paper cannot scroll a table's box, so a column past the
# edge is cut off. Measured against the page's own width, not the viewport's.
WIDE_TABLES = """() => {
  const page = document.documentElement.clientWidth;
  return [...document.querySelectorAll("table")]
    .filter((t) => t.checkVisibility() && t.getBoundingClientRect().right > page + 0.5)
    .map((t) => (t.caption ? t.caption.textContent : t.className).trim().slice(0, 60));
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_printed_tables_fit_the_page(new_page, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media="print")
    for path in (
        NURSES + "?place=california",  # the place table: “Nurse Practitioner” was cut off
        "/careers/registered-nurse/",
        "/careers/registered-nurse/pay/california/",
    ):
        page.goto(path)
        tables = page.locator("table")
        assert tables.count(), path
        assert page.evaluate(WIDE_TABLES) == [], path
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{path}: the printed page is wider than the paper"
        # Both careers' columns are on the paper, their names whole.
        if "place=" in path:
            heads = page.locator("#place table thead th")
            names = [" ".join(h.split()) for h in heads.all_inner_texts()][1:]
            assert names == ["Registered Nurse", "Nurse Practitioner"]
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize(
    "path",
    [
        "/fit/?fix=5&build=4&paperwork=1&state=texas",
        "/careers/electrician/moves/?state=texas&growing=1",
    ],
)
def test_fit_results_and_moves_print_the_address_that_leads_back_to_them(page, path):
    """The answers (or the state and filters) live in the query: the paper keeps them."""
    page.goto(path)
    page.emulate_media(media="print")
    line = page.locator("#print-source")
    assert line.is_visible()
    assert f"http://testserver{path}" in line.inner_text()
