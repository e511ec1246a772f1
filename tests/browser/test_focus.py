"""Every control shows where the keyboard focus is, clearly, in light and dark mode."""

import pytest

# Run by `make test` in its PostgreSQL + Redis pass (Makefile, SERVICES_MARKERS).
pytestmark = [pytest.mark.browser, pytest.mark.on_services]

PAGES = [
    "/",
    "/careers/",
    "/careers/registered-nurse/",
    "/compare/devops-engineer-vs-mlops-engineer/",
    "/search/?q=nurse",
]

# The focused element, its focus ring, and the contrast of the ring against what is
# painted just outside the element (where the ring is drawn), as WCAG 1.4.11 asks: 3:1.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgba = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const rect = el.getBoundingClientRect();
  const x = rect.left >= 6 ? rect.left - 4 : rect.right + 4;
  const y = rect.top + rect.height / 2;
  let behind = null;
  for (let node of document.elementsFromPoint(x, y)) {
    if (el.contains(node)) continue;
    for (; node && !behind; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) behind = colour;
    }
    if (behind) break;
  }
  behind = behind || rgba(getComputedStyle(document.body).backgroundColor);
  const luminance = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ring = rgba(style.outlineColor);
  const [hi, lo] = [luminance(ring), luminance(behind)].sort((p, q) => q - p);
  return {
    name: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
      + ` “${(el.innerText || el.value || "").trim().slice(0, 30)}”`,
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    contrast: Math.round(((hi + 0.05) / (lo + 0.05)) * 10) / 10,
    visible: rect.width > 0 && rect.height > 0,
  };
}"""


def focus_rings(page, limit=200):
    """Tab through the whole page; the focus ring of every control reached, in order."""
    rings = []
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        ring = page.evaluate(FOCUS_RING)
        if rings and ring["name"] == rings[0]["name"]:
            break
        rings.append(ring)
    return rings


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_has_a_visible_focus_ring(page, scheme):
    page.emulate_media(color_scheme=scheme)
    weak = {}
    for path in PAGES:
        page.goto(path)
        rings = focus_rings(page)
        assert len(rings) > 5, f"Tab reached almost nothing on {path}"
        weak[path] = [
            ring
            for ring in rings
            if ring["visible"]
            and not (ring["style"] != "none" and ring["width"] >= 2 and ring["contrast"] >= 3)
        ]
    assert weak == dict.fromkeys(PAGES, [])


def test_the_active_suggestion_stands_out(page):
    page.goto("/")
    page.get_by_role("combobox", name="Search careers").press_sequentially("nurse")
    options = page.locator("#site-search-listbox [role=option]")
    options.first.wait_for()
    page.keyboard.press("ArrowDown")
    looks = options.evaluate_all(
        """els => els.map((el) => {
          const style = getComputedStyle(el);
          return [style.backgroundColor, style.outlineStyle];
        })"""
    )
    assert looks[0][1] == "solid" and looks[1][1] == "none"
    assert looks[0][0] != looks[1][0]
