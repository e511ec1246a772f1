"""
Shortlists: three or four careers side by side at /compare/<a>-vs-<b>-vs-<c>/.

The address is the shortlist: nothing is stored for a visitor (no session, no cookie), so
pages stay cacheable and work without JavaScript. Adding a career or dropping one is a
link to another address. The order given is kept on screen; the canonical address lists
the slugs alphabetically. Two careers are a pair, whose page is the comparison itself.
"""

from django.urls import reverse

from comparisons.models import Comparison, comparison_url
from publishing.pagecache import slug_value

MAX_CAREERS = 4
SEPARATOR = "-vs-"
# The longest `?compare=` value worth reading: four long slugs and their separators.
MAX_LENGTH = 4 * 100 + 3 * len(SEPARATOR)


def split(text):
    """The slugs of a shortlist address (“a-vs-b-vs-c”), in order; [] for nonsense."""
    value = slug_value(text or "", max_length=MAX_LENGTH)
    if not value:
        return []
    slugs = value.split(SEPARATOR)
    return slugs if all(slugs) else []


def url_for(slugs, stored=()):
    """The page of these careers: a pair's comparison at its canonical address (the order
    an editor stored it in, when `stored` holds it as a (slug, slug) tuple, else
    alphabetical), or the shortlist in the order given."""
    if len(slugs) == 2:
        a, b = slugs
        if (b, a) in stored:
            return comparison_url(b, a)
        return comparison_url(a, b) if (a, b) in stored else comparison_url(*sorted(slugs))
    return reverse("comparisons:detail", kwargs={"pair": SEPARATOR.join(slugs)})


def stored_pairs(careers):
    """The (slug, slug) order of every curated comparison between these careers: one query."""
    ids = [c.pk for c in careers]
    return set(
        Comparison.objects.filter(career_a__in=ids, career_b__in=ids).values_list(
            "career_a__slug", "career_b__slug"
        )
    )


def canonical_url(slugs):
    """One address for every order of the same careers: alphabetical by slug."""
    return url_for(sorted(slugs))


def without(slugs, slug):
    return [s for s in slugs if s != slug]


def adding(slugs, slug):
    """The shortlist with `slug` added at the end (once), or None when it would be full."""
    if slug in slugs:
        return list(slugs)
    return [*slugs, slug] if len(slugs) < MAX_CAREERS else None


def problem(slugs):
    """Why a list of slugs is not a shortlist (duplicates, too many), or ""."""
    if len(slugs) > MAX_CAREERS:
        return (
            f"A comparison shows at most {MAX_CAREERS} careers side by side; "
            f"this address names {len(slugs)}."
        )
    twice = sorted({s for s in slugs if slugs.count(s) > 1})
    if twice:
        return f"This address names the same career more than once ({', '.join(twice)})."
    return ""
