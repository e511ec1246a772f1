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
