"""
What comparisons add to pages about a single career. Careers know nothing of pairs: the
guide's template asks for this block by name, and the comparisons app fills it.
"""

from django import template
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from comparisons import shortlist
from comparisons.forms import PickerForm
from comparisons.models import Comparison
from comparisons.related import Link, neighbours, related_links, similar_careers
from occupations.figures import pay_gap_is_small
from occupations.formatting import money_full

register = template.Library()

RELATED = 12
SIMILAR = 6


@register.inclusion_tag("comparisons/_career_comparisons.html")
def career_comparisons(career):
    """'Compare <career> with…': the picker, related comparisons and similar careers."""
    found = neighbours(career, limit=RELATED * 2)
    return {
        "career": career,
        "picker": PickerForm(initial={"a": career.title}),
        "related": related_links([career], [n for n in found if n.curated][:RELATED]),
        "similar": similar_careers(career, found, SIMILAR),
    }


@register.inclusion_tag("comparisons/_add_to_comparison.html")
def add_to_comparison(career, compare=""):
    """On a career's page: add it to the comparison the visitor came from (`compare`, its
    address), or start one. Links only, worked out from the address: no query."""
    slugs = shortlist.split(compare)
    if not 2 <= len(slugs) <= shortlist.MAX_CAREERS or shortlist.problem(slugs):
        slugs = []
    added = shortlist.adding(slugs, career.slug) if slugs else None
    return {
        "career": career,
        "current": shortlist.url_for(slugs) if slugs else "",
        "already": career.slug in slugs,
        "full": bool(slugs) and added is None,
        "add_url": shortlist.url_for(added) if added and career.slug not in slugs else "",
        "start_url": reverse("comparisons:add") + "?" + urlencode({"career": career.slug}),
    }


PLACE_RELATED = 8
LINKED = ("title", "slug")  # what a link to a comparison reads of its careers


@register.inclusion_tag("comparisons/_place_comparisons.html")
def place_comparisons(career, area):
    """On a career's state page: its curated comparisons, opened on that state (one query)."""
    found = (
        Comparison.objects.published()
        .filter(Q(career_a=career) | Q(career_b=career))
        .select_related("career_a", "career_b")
        # Links only: a cached state page shows the careers' names, not the rest of them.
        .only("is_featured", *(f"{c}__{f}" for c in ("career_a", "career_b") for f in LINKED))
        .order_by("-is_featured", "career_a__title", "career_b__title")[:PLACE_RELATED]
    )
    return {
        "career": career,
        "area": area,
        "related": [Link(str(c), c.get_absolute_url()) for c in found],
    }


# How a verdict's badge looks: a clear answer, a draw, a figure missing, or shrinking.
# The words carry the meaning; the tone only helps the eye.
VERDICT_TONES = {
    "win": "good",
    "near-tie": "neutral",
    "tie": "neutral",
    "missing": "warn",
    "not-comparable": "warn",
    "shrinking": "bad",
}


@register.filter
def verdict_tone(verdict):
    if verdict.outcome == "win" and verdict.winner is None:
        return "neutral"  # a plain answer (“Same education level: no”), nobody wins
    return VERDICT_TONES.get(verdict.outcome, "neutral")


@register.filter
def median_change(move):
    """
    What a move does to pay at the median, by the verdicts' rule (a gap within the pay
    tolerance is “about the same”): “+$12,340 a year ($50,000 → $62,340)”, or which
    median is missing. Never a guess.
    """
    before, after = move.origin.salary_median, move.target.salary_median
    lacking = [c.title for c, pay in ((move.origin, before), (move.target, after)) if pay is None]
    if lacking:
        return f"no published median for {' or '.join(lacking)}"
    figures = f"({money_full(before)} → {money_full(after)})"
    if pay_gap_is_small(before, after):
        return f"about the same {figures}"
    sign = "+" if after > before else "−"
    return f"{sign}{money_full(abs(after - before))} a year {figures}"
