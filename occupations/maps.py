"""
The US map of a career's pay by state: a server-rendered SVG, states shaded by median pay in
five classes of (about) equal size, a legend, and a title per state so every value is also
in text; each state with figures is a link to its page (focusable, named by its title).
No map library, no JavaScript. Geometry: settings.US_MAP_FILE
(occupations/data/us_map.json, from us-atlas: ISC licence, US Census Bureau shapes), read
once per process.
"""

import itertools
import json
import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from occupations.formatting import money_short

CLASSES = 5


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")


def whole_units(d):
    """A path of `M x y l dx dy … z` rings redrawn on whole units of the viewBox (under a
    pixel at page width): positions are rounded, not steps, so no error builds up along a
    ring; repeated points and rings that shrink to nothing are dropped. About 45 % fewer
    bytes in every page with a map."""
    rings = []
    for ring in re.findall(r"M[^M]*", d):
        ring = ring.strip()
        closed = ring.endswith("z")
        start, _, steps = ring.rstrip("z")[1:].partition("l")
        x, y = (float(v) for v in _NUMBER.findall(start))
        points = [(round(x), round(y))]
        values = [float(v) for v in _NUMBER.findall(steps)]
        for dx, dy in zip(values[::2], values[1::2], strict=True):
            x, y = x + dx, y + dy
            point = (round(x), round(y))
            if point != points[-1]:
                points.append(point)
        if len(points) < 3:
            continue
        text = ""
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            for value in (x1 - x0, y1 - y0):
                text += ("" if not text or value < 0 else " ") + str(value)
        rings.append(f"M{points[0][0]} {points[0][1]}l{text}{'z' if closed else ''}")
    return "".join(rings)


@cache
def geometry():
    with open(settings.US_MAP_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    states = {
        postal: {**shape, "d": whole_units(shape["d"])} for postal, shape in data["states"].items()
    }
    return data["viewBox"], states


@dataclass(frozen=True)
class Shape:
    postal: str
    d: str
    css: str  # "m1".."m5", or "na" when no median is published
    title: str
    href: str  # the state's page, or "" when it has no figures of its own
    label: tuple
    anchor: tuple | None  # a leader line from the label to the state, for small ones

    @property
    def label_svg(self):
        """The postal code at its label point (and a leader line for a small state)."""
        x, y = self.label
        text = format_html('<text x="{}" y="{}" class="lbl">{}</text>', x, y, self.postal)
        if self.anchor is None:
            return text
        line = format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="leader"/>',
            self.anchor[0],
            self.anchor[1],
            round(x - 14, 1),
            y,
        )
        return line + text


def breaks(values, classes=CLASSES):
    """Upper bounds of `classes` groups of sorted values of (about) equal size; fewer
    groups when there are fewer distinct values."""
    ordered = sorted(set(values))
    if not ordered:
        return []
    groups = min(classes, len(ordered))
    everything = sorted(values)
    bounds = []
    for group in range(1, groups):
        bound = everything[round(group * len(everything) / groups) - 1]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    if not bounds or bounds[-1] < ordered[-1]:
        bounds.append(ordered[-1])
    return bounds


def css_class(value, bounds):
    for index, bound in enumerate(bounds, start=1):
        if value <= bound:
            return f"m{index}"
    return f"m{len(bounds)}"


def state_map(states, what, pages=""):
    """`states`: AreaWage rows of states (with areas). `what`: e.g. “Registered Nurse”.
    `pages`: the address of a state's page before its slug (“pay/” beside a guide), for
    the states with figures; none are links without it."""
    view_box, shapes = geometry()
    by_postal = {wage.area.postal: wage for wage in states}
    values = [
        wage.median.sort_value
        for postal, wage in by_postal.items()
        if postal in shapes and wage.median.sort_value is not None
    ]
    bounds = breaks(values)
    drawn = []
    for postal, shape in shapes.items():
        wage = by_postal.get(postal)
        value = wage.median.sort_value if wage else None
        if value is None:
            css = "na"
            reason = wage.median.text if wage else "no figures"
            title = f"{shape['name']}: median pay {reason}"
        else:
            css = css_class(value, bounds)
            title = f"{shape['name']}: median {wage.median.with_unit}"
        drawn.append(
            Shape(
                postal=postal,
                d=shape["d"],
                css=css,
                title=title,
                href=f"{pages}{wage.area.slug}/" if pages and wage and wage.has_figures else "",
                label=tuple(shape["label"]),
                anchor=tuple(shape["anchor"]) if shape.get("label_offshore") else None,
            )
        )
    legend = []
    low = min(values) if values else None
    for index, bound in enumerate(bounds, start=1):
        top_coded = any(
            w.median.top_coded and w.median.sort_value == bound for w in by_postal.values()
        )
        text = (
            f"{money_short(low)} – {money_short(bound, top_coded)}"
            if low != bound
            else money_short(bound, top_coded)
        )
        legend.append({"css": f"m{index}", "text": text})
        higher = [v for v in values if v > bound]
        low = min(higher) if higher else None
    if any(shape.css == "na" for shape in drawn):
        legend.append({"css": "na", "text": "not published"})
    off_map = sorted(wage.area.name for postal, wage in by_postal.items() if postal not in shapes)
    return {
        "view_box": view_box,
        # The drawing's own size, as width/height attributes: the page keeps its place
        # for the map before the stylesheet scales it (no layout shift).
        "width": view_box.split()[2],
        "height": view_box.split()[3],
        "shapes": drawn,
        # The SVG's shapes and labels, escaped here: 51 states are most of a guide's
        # rendering time when the template engine loops over them. A link's <title> is its
        # name (and the tooltip): no aria-label repeating it, the map stays within its bytes.
        "body": mark_safe(
            "\n".join(
                format_html(
                    '<a href="{}"><title>{}</title><path d="{}" class="{}"/></a>',
                    shape.href,
                    shape.title,
                    shape.d,
                    shape.css,
                )
                if shape.href
                else format_html(
                    '<path d="{}" class="{}"><title>{}</title></path>',
                    shape.d,
                    shape.css,
                    shape.title,
                )
                for shape in drawn
            )
        )
        + mark_safe("\n")
        + mark_safe("\n".join(shape.label_svg for shape in drawn)),
        "legend": legend,
        "off_map": off_map,
        "title": f"Median pay of {what} by state",
    }
