"""
What comparisons add to pages about a single career. Careers know nothing of pairs: the
guide's template asks for this block by name, and the comparisons app fills it.
"""

from django import template

from comparisons.forms import PickerForm
from comparisons.related import neighbours, related_links, similar_careers

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


PLACE_RELATED = 8


@register.inclusion_tag("comparisons/_place_comparisons.html")
def place_comparisons(career, area):
    """On a career's state page: comparisons with that career, opened on that state."""
    found = neighbours(career, limit=PLACE_RELATED)
    return {
        "career": career,
        "area": area,
        "related": related_links([career], found),
    }
