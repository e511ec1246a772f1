"""
What comparisons add to pages about a single career. Careers know nothing of pairs: the
guide's template asks for this block by name, and the comparisons app fills it.
"""

from django import template
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from careers.models import Career
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


def _building(compare, here):
    """The careers of the comparison being built (`compare`, its address), or []. A page
    about one career joins a comparison of two to four; a list (`here`) keeps one being
    started, so a single career counts there."""
    slugs = shortlist.split(compare)
    fewest = 1 if here else 2
    if not fewest <= len(slugs) <= shortlist.MAX_CAREERS or shortlist.problem(slugs):
        return []
    return slugs


def _keeping(here, slugs):
    """The list at `here` with the comparison `slugs` kept in its address."""
    if not slugs:
        return here
    joiner = "&" if "?" in here else "?"
    return f"{here}{joiner}{urlencode({'compare': shortlist.SEPARATOR.join(slugs)})}"


@register.inclusion_tag("comparisons/_add_to_comparison.html")
def add_to_comparison(career, compare="", here=""):
    """
    Add a career to the comparison the visitor came from (`compare`, its address), or start
    one. Links only, worked out from the address: no query.

    On a career's page the links lead to the comparison. In a list of results (`here`: the
    list's own address, such as the fit results) they lead back to the list, which keeps the
    careers picked so far in its address (`compare`), so several can be added one after
    another; the list's tray (`comparison_tray`) leads to the comparison.
    """
    slugs = _building(compare, here)
    added = shortlist.adding(slugs, career.slug) if slugs else None
    if here:
        anchor = f"#add-{career.slug}"
        add_url = _keeping(here, added) + anchor if added else ""
        start_url = _keeping(here, [career.slug]) + anchor
    else:
        add_url = shortlist.url_for(added) if added else ""
        start_url = reverse("comparisons:add") + "?" + urlencode({"career": career.slug})
    return {
        "career": career,
        "in_list": bool(here),
        "current": shortlist.url_for(slugs) if len(slugs) >= 2 else "",
        "already": career.slug in slugs,
        "full": bool(slugs) and added is None,
        "add_url": add_url if career.slug not in slugs else "",
        "start_url": start_url,
    }


@register.simple_tag
def joining(career, compare=""):
    """The address of `career`'s page that keeps the comparison being built (`compare`),
    so that the page's own “Add to your comparison” joins it: with `?compare=` when it
    names two to four careers (what a career's page reads), else the plain page."""
    slugs = _building(compare, "")
    url = career.get_absolute_url()
    if not slugs:
        return url
    return f"{url}?{urlencode({'compare': shortlist.SEPARATOR.join(slugs)})}"


@register.inclusion_tag("comparisons/_comparison_tray.html")
def comparison_tray(compare, here):
    """
    Above a list of results with “Add to comparison” links (`here`: the list's address):
    the careers picked so far, each with a link to remove it, and the way to see them side
    by side once there are two. One query (their titles), none when nothing is picked.
    """
    slugs = _building(compare, here)
    if not slugs:
        return {"picked": []}
    titles = dict(Career.objects.published().filter(slug__in=slugs).values_list("slug", "title"))
    known = [slug for slug in slugs if slug in titles]
    return {
        "picked": [
            (titles[slug], _keeping(here, shortlist.without(known, slug))) for slug in known
        ],
        "compare_url": shortlist.url_for(known) if len(known) >= 2 else "",
        "full": len(known) >= shortlist.MAX_CAREERS,
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
