"""
What a visitor notices first (issue #27): on a phone a comparison opens with where
everything is and the answer for each direction; tables never break a word inside; paper
gets no forms, buttons or focus rings, and the address of the page as shown.
"""

import pytest

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 360, "height": 780},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESK = {"viewport": {"width": 1280, "height": 800}}
NURSES = "/compare/registered-nurse-vs-nurse-practitioner/"
JUMPS = ["Key numbers", "Pay where you live", "Switching", "Day to day", "Full table", "Sources"]

# Each word of every table cell, caption and heading, measured from the rendered text: a
# word is broken when its own rectangles lie on more than one line. Names wrap at spaces
# and after hyphens, dashes and slashes (“Houston-Pasadena-”), so those end a word.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table th, table td, table caption")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^\\s\\-\\u2013\\u2014\\/]+[\\-\\u2013\\u2014\\/]?/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_a_comparison_opens_with_its_jump_list_and_bottom_line_on_a_phone(new_page):
    page = new_page(**PHONE)
    page.goto(NURSES)
    jumps = page.get_by_role("navigation", name="On this page")
    assert jumps.get_by_role("link").all_inner_texts() == JUMPS
    # Above the fold: the whole jump list and the start of the bottom line.
    assert jumps.bounding_box()["y"] + jumps.bounding_box()["height"] <= 780
    bottom = page.locator(".bottom-line")
    assert bottom.bounding_box()["y"] < 780
    # Every jump leads somewhere on the page.
    targets = [a.get_attribute("href") for a in jumps.get_by_role("link").all()]
    missing = [t for t in targets if page.locator(t).count() != 1]
    assert missing == [], f"jumps to nothing: {missing}"

    # One bottom line per direction, in the words of the switching advice below.
    directions = bottom.locator(".direction")
    assert directions.locator("h3").all_inner_texts() == [
        "From Registered Nurse to Nurse Practitioner",
        "From Nurse Practitioner to Registered Nurse",
    ]
    summaries = page.locator(".switch-summary").all_inner_texts()
    for i, summary in enumerate(summaries):
        step = directions.nth(i).locator("dd").nth(2).inner_text()
        assert step.startswith(summary), (step, summary)
    # Pay at the median, with both figures; the nurse practitioner earns clearly more.
    pay_up = directions.nth(0).locator("dd").first.inner_text()
    pay_down = directions.nth(1).locator("dd").first.inner_text()
    assert pay_up.startswith("+$") and " a year ($" in pay_up, pay_up
    assert pay_down.startswith("−$") and " a year ($" in pay_down, pay_down

    # A jump works without scrolling by hand: the switching section comes into view.
    jumps.get_by_role("link", name="Switching").click()
    page.wait_for_url(lambda url: url.endswith("#switching"))
    assert page.locator("#switch-h").is_visible()
    top = page.locator("#switch-h").bounding_box()["y"]
    assert 0 <= top < 200, f"the switching heading is at {top}px after the jump"


def test_a_state_page_opens_with_its_answer_and_jump_list_on_a_phone(new_page):
    page = new_page(**PHONE)
    page.goto("/careers/registered-nurse/pay/california/")
    # The answer (the median there against the US) and every jump on the first screen.
    assert page.locator(".lede").inner_text().startswith("In May 2025 the median pay")
    jumps = page.get_by_role("navigation", name="On this page")
    names = jumps.get_by_role("link").all_inner_texts()
    assert names == [
        "Against the US",
        "Metro areas",
        "Neighbouring states",
        "Other states",
        "Sources",
    ]
    assert jumps.bounding_box()["y"] + jumps.bounding_box()["height"] <= 780
    targets = [a.get_attribute("href") for a in jumps.get_by_role("link").all()]
    missing = [t for t in targets if page.locator(t).count() != 1]
    assert missing == [], f"jumps to nothing: {missing}"
    jumps.get_by_role("link", name="Metro areas").click()
    page.wait_for_url(lambda url: url.endswith("#metros"))
    top = page.locator("#metros-h").bounding_box()["y"]
    assert -1 <= top < 200, f"the metro areas heading is at {top}px after the jump"


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360px", "1280px"])
def test_no_word_is_broken_inside_any_table(new_page, viewport):
    page = new_page(**viewport)
    for path in (
        "/careers/registered-nurse/",  # a guide: pay by state, metro areas, industries
        "/careers/registered-nurse/pay/california/",  # a state page and its metro areas
        f"{NURSES}?place=texas",  # a comparison with a place
        f"{NURSES}?place=houston-pasadena-the-woodlands-tx",  # the longest kind of name
    ):
        page.goto(path)
        assert page.locator("table").count() >= 2, path
        assert page.evaluate(BROKEN_WORDS) == [], f"words broken inside on {path}"
        if viewport is PHONE:
            # Wider tables scroll in their own box, never the page.
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_a_wide_table_scrolls_in_its_box_with_a_visible_hint(new_page):
    page = new_page(**PHONE)
    page.goto("/careers/registered-nurse/pay/california/")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll(".table-wrap")].map((w) => ({
          wider: w.scrollWidth > w.clientWidth,
          scrolls: getComputedStyle(w).overflowX,
          shadow: getComputedStyle(w).backgroundImage.includes("radial-gradient"),
        }))"""
    )
    wide = [b for b in boxes if b["wider"]]
    assert wide, "no table is wider than a 360px phone here: pick a wider one"
    assert all(b["scrolls"] == "auto" and b["shadow"] for b in wide), wide


def test_print_leaves_out_forms_and_focus_rings_and_keeps_the_place(page):
    page.goto(f"{NURSES}?place=texas")
    heading = page.locator("h1")
    heading.focus()
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => [...document.querySelectorAll("form, button, select, input, .jumps")]
          .filter((el) => el.checkVisibility()).map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert shown == [], "printed"
    assert heading.evaluate("el => getComputedStyle(el).outlineStyle") == "none"
    line = page.locator(".print-source")
    assert line.is_visible()
    assert f"http://testserver{NURSES}?place=texas · updated" in line.inner_text()

    # Another place chosen in place (htmx): the printed address follows it.
    page.emulate_media(media="screen")
    page.get_by_label("Where do you live?").select_option("ohio")
    with page.expect_response(lambda r: "place=ohio" in r.url):
        page.get_by_role("button", name="Show pay there").click()
    page.get_by_text("Registered Nurse and Nurse Practitioner in Ohio").wait_for()
    assert page.locator("#print-source").count() == 1
    page.emulate_media(media="print")
    assert f"{NURSES}?place=ohio · updated" in line.inner_text()
