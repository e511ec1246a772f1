from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, Q, prefetch_related_objects
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseLocation

from careers.models import Career, Category, career_parts, onet_ratings, route_items
from careers.search import find_careers
from careers.structured_data import occupation
from comparisons import moves, shortlist
from comparisons.builder import build_comparison, build_shortlist, skill_names
from comparisons.forms import PickerForm, resolve_career
from comparisons.models import Comparison, comparison_url
from comparisons.place import compare_in_place
from comparisons.related import neighbours, related_links
from comparisons.verdicts import names
from occupations import wages
from occupations.models import industries_of
from occupations.wages import place_annotation
from publishing.pagecache import (
    choice,
    is_htmx,
    is_staff,
    mark_canonical,
    positive_int,
    private,
    public_page,
    shared_page,
    slug_value,
    text_value,
    wants_fragment,
)
from publishing.seo import Meta, absolute, item_list, page_url
from publishing.versions import LISTS

# Each card carries both careers' figures: 60 a page keeps /compare/ within the HTML budget.
COMPARISONS_PER_PAGE = 48
RELATED = 8
SUGGESTIONS = 8


def pairs_by_category():
    """
    ({category id: how many published comparisons have a career in it}, how many there
    are in all). A pair with both careers in one category counts once there.
    One grouped pass over the comparisons, not a count per category: at 20,000
    comparisons that was most of the page's time.
    """
    combinations = (
        Comparison.objects.published()
        .order_by()
        .values_list("career_a__category", "career_b__category")
        .annotate(n=Count("pk"))
    )
    counts, total = Counter(), 0
    for category_a, category_b, n in combinations:
        total += n
        counts[category_a] += n
        if category_b != category_a:
            counts[category_b] += n
    return counts, total


@require_safe
@public_page(params={"category": slug_value, "page": positive_int}, depends=[LISTS])
def index(request):
    """Curated comparisons grouped by field, each card with both careers' figures; a GET
    filter narrows them to pairs with a career in one category."""
    comparisons = (
        Comparison.objects.published()
        .select_related("career_a__category", "career_b__category")
        # A total order: pages neither repeat nor skip a pair however the database sorts
        # pairs of one career.
        .order_by(
            "career_a__category__position",
            "career_a__category__name",
            "career_a__title",
            "career_b__title",
            "pk",
        )
    )
    counts, total = pairs_by_category()
    categories = list(Category.objects.all())
    for category in categories:
        category.pairs = counts[category.pk]
    chosen = next((c for c in categories if c.slug == request.GET.get("category")), None)
    if chosen:
        comparisons = comparisons.filter(
            Q(career_a__category=chosen) | Q(career_b__category=chosen)
        )
    # The page's pairs are found by sorting their ids alone (at 20,000 comparisons,
    # sorting whole rows of both careers cost half again as much), then read.
    paginator = Paginator(comparisons.values_list("pk", flat=True), COMPARISONS_PER_PAGE)
    # The grouped counts already know how many there are: no second pass to count them.
    paginator.count = counts[chosen.pk] if chosen else total
    page = paginator.get_page(request.GET.get("page"))
    shown = comparisons.order_by().in_bulk(list(page.object_list))
    page.object_list = [shown[pk] for pk in page.object_list]
    groups = {}
    for comparison in page.object_list:
        groups.setdefault(comparison.career_a.category, []).append(comparison)
    query = QueryDict(mutable=True)
    if chosen:
        query["category"] = chosen.slug
    index_path = reverse("comparisons:index")
    path = page_url(index_path, query, page.number)
    mark_canonical(request, path)
    heading = "All comparisons & careers"
    title = f"{chosen.name} comparisons" if chosen else heading
    meta = Meta(
        title=title + (f" (page {page.number})" if page.number > 1 else ""),
        description=(
            f"{page.paginator.count} side-by-side career comparisons: salary, outlook, "
            "education, skills and day-to-day work. Or pick any two careers yourself."
        ),
        path=path,
        structured_data=[
            item_list(title, [(str(c), c.get_absolute_url()) for c in page.object_list])
        ],
        breadcrumbs=[("Home", "/"), ("Compare", reverse("comparisons:index"))],
    )
    context = {
        "groups": groups,
        "page": page,
        "categories": [c for c in categories if c.pairs or c == chosen],
        "chosen": chosen,
        "form": PickerForm(),
        "meta": meta,
        "previous_url": page.has_previous() and page_url(index_path, query, page.number - 1),
        "next_url": page.has_next() and page_url(index_path, query, page.number + 1),
    }
    return render(request, "comparisons/index.html", context)


@require_safe
def go(request):
    """The picker's target: 302 to the canonical comparison, or the form with its errors."""
    form = PickerForm(request.GET)
    if not form.is_valid():
        meta = Meta(
            title="Compare two careers",
            description="Pick any two careers to see them side by side.",
            path=reverse("comparisons:index"),
            robots="noindex,follow",
            breadcrumbs=[("Home", "/"), ("Compare", reverse("comparisons:index"))],
        )
        context = {"form": form, "meta": meta}
        template = (
            "comparisons/picker.html#picker"
            if wants_fragment(request)
            else "comparisons/picker.html"
        )
        response = render(request, template, context)
        response["Cache-Control"] = "no-store"
        return response
    a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    curated = Comparison.objects.published().for_pair(a, b).select_related("career_a", "career_b")
    comparison = curated.first()
    url = comparison.get_absolute_url() if comparison else comparison_url(*sorted([a.slug, b.slug]))
    if is_htmx(request):
        return HttpResponseLocation(url, target="#main", select="#main", swap="outerHTML")
    return redirect(url)


@require_safe
@public_page(params={"a": text_value, "b": text_value}, cache=False)
def suggest(request):
    """htmx search-as-you-type for a picker field: the options of its listbox."""
    text = request.GET.get("a") or request.GET.get("b") or ""
    careers = find_careers(text, limit=SUGGESTIONS).careers if text.strip() else []
    return render(request, "includes/_options.html", {"careers": careers})


def _find_comparison(a_slug, b_slug, place=None, parts=True):
    """The comparison of the two slugs, its careers carrying their O*NET ratings,
    education routes and industries (unless `parts` is false) and, with `place`, both
    careers' pay there, in one query."""
    comparisons = Comparison.objects.filter(
        career_a__slug__in=[a_slug, b_slug], career_b__slug__in=[a_slug, b_slug]
    ).select_related("career_a__category", "career_b__category")
    if parts:
        comparisons = comparisons.annotate(
            a_ratings=onet_ratings("career_a__soc_code"),
            b_ratings=onet_ratings("career_b__soc_code"),
            a_routes=route_items("career_a"),
            b_routes=route_items("career_b"),
            a_industries=industries_of("career_a__soc_code"),
            b_industries=industries_of("career_b__soc_code"),
        )
    if place:  # both careers' pay there, in the same query (comparisons.place)
        comparisons = comparisons.annotate(
            place_a=place_annotation(place, "career_a__soc_code"),
            place_b=place_annotation(place, "career_b__soc_code"),
        )
    comparison = comparisons.first()
    if comparison is not None and parts:
        comparison.career_a.onet_ratings = comparison.a_ratings
        comparison.career_b.onet_ratings = comparison.b_ratings
        comparison.career_a.route_items = comparison.a_routes
        comparison.career_b.route_items = comparison.b_routes
        comparison.career_a.industries = comparison.a_industries
        comparison.career_b.industries = comparison.b_industries
        prefetch_related_objects([comparison.career_a, comparison.career_b], *career_parts())
    return comparison


def _find_careers(a_slug, b_slug, place=None, parts=True):
    """{slug: career} of the two slugs (as _find_comparison's careers), for a pair no
    editor has written."""
    careers = Career.objects.select_related("category")
    if parts:
        careers = Career.objects.with_parts().with_profile().annotate(industries=industries_of())
    if place:
        careers = careers.annotate(place_wage=place_annotation(place, "soc_code"))
    return {c.slug: c for c in careers.filter(slug__in=[a_slug, b_slug])}


def _add_parts(a, b):
    """What the rest of a comparison shows of two careers read without it (for a place):
    their O*NET ratings, education routes, industries (one query) and ordered parts."""
    extra = (
        Career.objects.filter(pk__in=[a.pk, b.pk])
        .annotate(ratings=onet_ratings(), routes=route_items(), found_in=industries_of())
        .values("pk", "ratings", "routes", "found_in")
    )
    rows = {row["pk"]: row for row in extra}
    for career in (a, b):
        row = rows[career.pk]
        career.onet_ratings, career.route_items = row["ratings"], row["routes"]
        career.industries = row["found_in"]
    prefetch_related_objects([a, b], *career_parts())


@require_safe
@public_page(params={"place": wages.place_slug})
def detail(request, pair):
    if pair.count(shortlist.SEPARATOR) >= 2:
        return shortlist_page(request, pair)
    a_slug, vs, b_slug = pair.partition("-vs-")
    if not (vs and a_slug and b_slug) or "-vs-" in b_slug:
        raise Http404("Not a comparison address.")
    staff = is_staff(request)
    if a_slug == b_slug:
        career = Career.objects.filter(slug=a_slug).first()
        if career is None or not (career.is_published or staff):
            raise Http404("No such career.")
        return redirect(career)

    place = request.GET.get("place")
    # A place variant reads the rest of both careers only when it renders the page
    # around the place (which its other variants then share).
    parts = not place
    comparison = _find_comparison(a_slug, b_slug, place, parts)
    if comparison is not None:
        visible = comparison.is_published and comparison.career_a.is_published
        visible = visible and comparison.career_b.is_published
        if not (visible or staff):
            raise Http404("No such comparison.")
        a, b = comparison.career_a, comparison.career_b
        if place:
            a.place_wage, b.place_wage = comparison.place_a, comparison.place_b
    else:
        found = _find_careers(a_slug, b_slug, place, parts)
        if len(found) != 2 or not (staff or all(c.is_published for c in found.values())):
            raise Http404("No such career.")
        a, b = (found[s] for s in sorted(found))
    if (a.slug, b.slug) != (a_slug, b_slug):
        query = f"?place={place}" if place else ""
        return redirect(comparison_url(a.slug, b.slug) + query, permanent=True)

    curated = comparison is not None and comparison.is_published
    draft = not (curated or comparison is None) or not (a.is_published and b.is_published)
    url = comparison_url(a.slug, b.slug)
    by_place = place and compare_in_place(a, b, place, a.place_wage, b.place_wage)
    # A place variant is stored only for a real place; its canonical is the plain page.
    mark_canonical(request, f"{url}?place={place}" if by_place else url)
    place_context = {
        "a": a,
        "b": b,
        "compare_url": url,
        "place": by_place or None,
        "place_choices": wages.state_choices(),
    }
    if by_place and wants_fragment(request):
        response = render(request, "comparisons/detail.html#place", place_context)
        return private(response, store=False) if draft else response

    def whole_page(holes=None):
        if not parts:
            _add_parts(a, b)
        context = _detail_context(comparison, a, b, curated, draft, url, by_place)
        context.update(place_context, holes=holes)
        if holes:
            context["place"] = None
        return render_to_string("comparisons/detail.html", context, request)

    if by_place and not draft:
        # Every place variant of the pair is this page around its place: the rest is
        # rendered once (publishing.pagecache.shared_page), each variant its place.
        fills = {
            "place": render_to_string("comparisons/detail.html#place", place_context, request),
            "print_source": render_to_string(
                "comparisons/detail.html#print-source", place_context, request
            ),
        }
        return HttpResponse(shared_page(f"comparison:{url}", whole_page, fills))
    response = HttpResponse(whole_page())
    return private(response, store=False) if draft else response


def _detail_context(comparison, a, b, curated, draft, url, by_place):
    """A comparison page's context, but its place."""
    page = build_comparison(a, b)
    found = neighbours(a, b, limit=RELATED)
    meta = Meta(
        title=f"{page.title}: Career Comparison",
        description=(
            f"{a.title} or {b.title}? Pay ({page.rows[0].a} vs {page.rows[0].b}), outlook, "
            f"education, licences and skills side by side. {page.median_sentence}"
        ),
        path=url,
        og_type="article",
        robots="index,follow" if curated and not draft else "noindex,follow",
        structured_data=[
            {
                "@type": "WebPage",
                "name": f"{page.title}: Career Comparison",
                "url": absolute(url),
                "about": [occupation(a, skill_names(a)), occupation(b, skill_names(b))],
                "lastReviewed": min(a.last_reviewed, b.last_reviewed).isoformat(),
            }
        ],
        breadcrumbs=[
            ("Home", "/"),
            ("Compare", reverse("comparisons:index")),
            (page.title, url),
        ],
    )
    return {
        "page": page,
        "comparison": comparison,
        "curated": curated,
        "draft": draft,
        "related": related_links([a, b], found),
        # Adding a third career: on the plain page (the place variant keeps the HTML budget).
        "shortlist": None if by_place else shortlist_context([a, b], [n.career for n in found]),
        # Empty: the visitor has these two already; they came to pick two others.
        "picker": PickerForm(),
        "meta": meta,
    }


SHORTLIST_SUGGESTIONS = 6


def shortlist_context(careers, others, stored=()):
    """What a page of several careers offers for changing them: a link to drop each one
    (none on a pair: one career alone is not a comparison), and careers to add, each
    with its page (which offers to add it back here) and a direct link. `stored`: the
    curated pairs' orders (shortlist.stored_pairs), so a link to a pair needs no 301."""
    slugs = [c.slug for c in careers]
    current = shortlist.SEPARATOR.join(slugs)
    full = len(slugs) >= shortlist.MAX_CAREERS
    return {
        "current": current,
        "full": full,
        "max": shortlist.MAX_CAREERS,
        "remove": [
            (c, shortlist.url_for(shortlist.without(slugs, c.slug), stored))
            for c in (careers if len(careers) > 2 else [])
        ],
        "suggestions": []
        if full
        else [(c, shortlist.url_for([*slugs, c.slug])) for c in others if c.slug not in slugs][
            :SHORTLIST_SUGGESTIONS
        ],
    }


def shortlist_missing(request, reason, known=()):
    """A clear 404 for a shortlist address that names no real set of careers."""
    meta = Meta(
        title="Comparison not found",
        description="This comparison does not exist. Compare two to four careers instead.",
        path=request.path,
        robots="noindex,follow",
        breadcrumbs=[("Home", "/"), ("Compare", reverse("comparisons:index"))],
    )
    slugs = [c.slug for c in known]
    context = {
        "meta": meta,
        "reason": reason,
        "known": known,
        "known_url": shortlist.url_for(slugs) if 2 <= len(slugs) <= shortlist.MAX_CAREERS else "",
        "known_names": names(c.title for c in known),
        "form": PickerForm(),
    }
    return render(request, "comparisons/shortlist_missing.html", context, status=404)


def shortlist_page(request, text):
    """
    Three or four careers side by side, in the order of the address. Every order of the
    same careers is its own (cached) page with one canonical address, alphabetical;
    shortlists are not curated, so they are never indexed.
    """
    slugs = text.split(shortlist.SEPARATOR)
    if not all(slugs):
        raise Http404("Not a comparison address.")
    reason = shortlist.problem(slugs)
    if reason:
        return shortlist_missing(request, reason)
    staff = is_staff(request)
    careers = (
        Career.objects.with_parts()
        .with_profile()
        .annotate(industries=industries_of())
        .filter(slug__in=slugs)
    )
    if not staff:
        careers = careers.filter(is_published=True)
    found = {c.slug: c for c in careers}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        listed = ", ".join(f"“{s}”" for s in unknown)
        return shortlist_missing(
            request,
            f"We have no career at {listed}: check the address, or add careers from their pages.",
            known=[found[s] for s in slugs if s in found],
        )
    chosen = [found[s] for s in slugs]
    draft = not all(c.is_published for c in chosen)
    page = build_shortlist(chosen)
    url = shortlist.canonical_url(slugs)
    mark_canonical(request, request.path)  # every order is a page; ?place= and the like are not
    # Careers to add: none on a full shortlist (and no query for them).
    full = len(chosen) >= shortlist.MAX_CAREERS
    others = [] if full else [n.career for n in neighbours(*chosen, limit=RELATED)]
    meta = Meta(
        title=f"{page.title}: Career Comparison",
        description=(
            f"{len(chosen)} careers side by side: pay, outlook, education, skills and "
            f"day-to-day work of {', '.join(c.title for c in chosen)}."
        ),
        path=url,
        robots="noindex,follow",
        structured_data=[
            {
                "@type": "WebPage",
                "name": f"{page.title}: Career Comparison",
                "url": absolute(url),
                "about": [occupation(c, skill_names(c)) for c in chosen],
            }
        ],
        breadcrumbs=[
            ("Home", "/"),
            ("Compare", reverse("comparisons:index")),
            (page.title, request.path),
        ],
    )
    stored = shortlist.stored_pairs(chosen)
    pairs = [
        (a, b, shortlist.url_for([a.slug, b.slug], stored))
        for i, a in enumerate(chosen)
        for b in chosen[i + 1 :]
    ]
    context = {
        "page": page,
        "pairs": pairs,
        "shortlist": shortlist_context(chosen, others, stored),
        # Printed at the foot of the paper: this order, not the canonical alphabetical one.
        "shown_url": request.path,
        "meta": meta,
    }
    response = render(request, "comparisons/shortlist.html", context)
    return private(response, store=False) if draft else response


@require_safe
def add(request):
    """
    Add careers to a comparison: `to` is the comparison so far (its address, as
    “a-vs-b”), each `career` a slug or a name. 302 to the comparison of them all; or a
    page that says what is wrong (a name we do not know, too many careers) and asks again.
    """
    slugs = list(dict.fromkeys(shortlist.split(request.GET.get("to", ""))))
    errors, suggestions = [], []
    for text in request.GET.getlist("career")[: shortlist.MAX_CAREERS + 1]:
        career, close = resolve_career(text)
        if career is None:
            if text.strip():
                errors.append(f"We have no career called “{text.strip()[:100]}”.")
                suggestions += close
            continue
        if career.slug not in slugs:
            slugs.append(career.slug)
    if not errors and len(slugs) > shortlist.MAX_CAREERS:
        errors.append(
            f"A comparison shows at most {shortlist.MAX_CAREERS} careers: "
            "remove one before adding another."
        )
        slugs = slugs[: shortlist.MAX_CAREERS]
    if not errors and len(slugs) >= 2:
        return redirect(shortlist.url_for(slugs))
    current = list(Career.objects.published().filter(slug__in=slugs))
    current.sort(key=lambda c: slugs.index(c.slug))
    meta = Meta(
        title="Add a career to a comparison",
        description="Compare two to four careers side by side.",
        path=reverse("comparisons:add"),
        robots="noindex,follow",
        breadcrumbs=[("Home", "/"), ("Compare", reverse("comparisons:index"))],
    )
    context = {
        "meta": meta,
        "errors": errors,
        "suggestions": suggestions[:SHORTLIST_SUGGESTIONS],
        "careers": current,
        "to": shortlist.SEPARATOR.join(c.slug for c in current),
        "back": shortlist.url_for([c.slug for c in current])
        if 2 <= len(current) <= shortlist.MAX_CAREERS
        else "",
        "max": shortlist.MAX_CAREERS,
    }
    response = render(request, "comparisons/add.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@public_page(params={"state": wages.state_slug, **{name: choice("1") for name in moves.FILTERS}})
def career_moves(request, slug):
    """Where you can go from one career: its O*NET neighbours without a large single gap.
    A career without an O*NET profile (or not published) has no such page: 404."""
    state = wages.state_slug(request.GET.get("state", "")) or None
    chosen = {name for name in moves.FILTERS if request.GET.get(name) == "1"}
    origin = moves.origin_career(slug, state)
    if origin is None or not origin.onet_ratings:
        raise Http404("No moves page for this career: it has no O*NET profile.")
    found = moves.find_moves(origin, state, chosen)
    path = reverse("comparisons:moves", kwargs={"slug": origin.slug})
    query = QueryDict(mutable=True)
    if state:
        query["state"] = state
    for name in sorted(chosen):
        query[name] = "1"
    # Every variant is stored under its own address; each is canonical to the plain page.
    mark_canonical(request, f"{path}?{query.urlencode()}" if query else path)
    meta = Meta(
        title=f"Where you can go from {origin.title}: career moves",
        description=(
            f"Jobs a {origin.title} could move to, ranked by how much of the work carries "
            "over, with the pay change, outlook, education step and skills to build."
        ),
        path=path,
        breadcrumbs=[
            ("Home", "/"),
            ("Careers", reverse("careers:index")),
            (origin.title, origin.get_absolute_url()),
            ("Where you can go", path),
        ],
        structured_data=[
            item_list(
                f"Moves from {origin.title}",
                [(m.career.title, m.career.get_absolute_url()) for m in found.moves],
            )
        ],
    )
    context = {
        "found": found,
        "origin": origin,
        "states": wages.state_choices(),
        "filters": [(name, label, name in chosen) for name, label in moves.FILTERS.items()],
        "rules": moves.RULES,
        "meta": meta,
    }
    return render(request, "comparisons/moves.html", context)
