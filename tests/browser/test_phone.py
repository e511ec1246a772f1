"""A 360 px wide phone: the comparison reads without sideways scrolling."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 360, "height": 780},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def test_comparison_fits_a_360px_phone(new_page):
    page = new_page(**PHONE)
    page.goto("/compare/devops-engineer-vs-mlops-engineer/")
    assert page.evaluate("window.innerWidth") == 360

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                       + (el.className && typeof el.className === "string"
                          ? "." + el.className.trim().split(/\\s+/).join(".") : ""))"""
    )
    assert overflow <= 0, f"{overflow}px of horizontal overflow from {too_wide[:10]}"

    cells = page.locator("table.compare-table td")
    assert cells.count() == 26  # 13 rows, two careers
    for i in range(cells.count()):
        cell = cells.nth(i)
        assert cell.is_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"cell {i} is cut off: {box}"
        assert box["width"] >= 250, f"cell {i} is squeezed to {box['width']}px"
        # Each cell is labelled with its career once the column headers are hidden.
        label = cell.evaluate("el => getComputedStyle(el, '::before').content")
        assert label.strip('"') in ("DevOps Engineer", "MLOps Engineer")

    # The caption and the row headings stay readable too: full width, not a letter a line.
    headings = page.locator("table.compare-table caption, table.compare-table tbody th")
    assert headings.count() == 14  # the caption and 13 row headings
    for i in range(headings.count()):
        heading = headings.nth(i)
        box = heading.bounding_box()
        assert heading.is_visible() and box["width"] >= 250, (
            f"{heading.inner_text()!r} is squeezed to {box['width']}px"
        )
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360


@pytest.mark.allow_console(r"status of 404 \(Not Found\)")  # /careers/nope/, on purpose
def test_main_pages_fit_a_360px_phone(new_page):
    page = new_page(**PHONE)
    overflowing = {}
    for path in (
        "/",
        "/careers/",
        "/careers/registered-nurse/",
        "/compare/",
        "/search/?q=nurse",
        "/careers/nope/",
    ):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            overflowing[path] = overflow
    assert overflowing == {}


# The lines each date range (“2024–34”, “May 2025”) in the cards' labels is drawn on: a
# range or a month broken across two lines shows up as two distinct line tops.
PERIOD_LINES = r"""() => [...document.querySelectorAll("#results dt")].flatMap((dt) => {
  const found = [];
  const walker = document.createTreeWalker(dt, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\d{4}–\d{2,4}|[A-Z][a-z]+ \d{4}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      found.push([m[0], tops.size]);
    }
  }
  return found;
})"""


@pytest.mark.parametrize("width", [320, 360])
def test_career_cards_keep_their_periods_on_one_line(new_page, width):
    page = new_page(viewport={"width": width, "height": 780})
    page.goto("/careers/?state=texas")  # the longest labels: a state's pay and its month
    periods = page.evaluate(PERIOD_LINES)
    assert {text for text, _ in periods} >= {"2024–34", "May 2025"}
    assert [(text, lines) for text, lines in periods if lines != 1] == []
    # The labels themselves may wrap (between words), never past the card.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
