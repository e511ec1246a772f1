import json
import re

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from careers import charts, pay
from careers.forms import OUTLOOKS, PAY_FLOORS, SORTS, CareerFilterForm
from careers.models import ORDER_TAG, Career, EducationLevel, career_parts, category_list_tag
from careers.search import Found, find_careers
from careers.structured_data import occupation
from careers.text import MAX_QUERY_LENGTH
from occupations import maps, wages
from occupations.models import facts_of
from occupations.onet import profile_of, top_ratings
from publishing.pagecache import (
    choice,
    depends_on,
    is_staff,
    mark_canonical,
    positive_int,
    private,
    public_page,
    slug_value,
    text_value,
    wants_fragment,
)
from publishing.seo import Meta, item_list, page_url
from publishing.versions import LISTS

CAREERS_PER_PAGE = 24
SEARCH_RESULTS = 20
SUGGESTIONS = 8
NEARBY = 5


def _ordering(careers, sort):
    if sort == "pay":
        return careers.order_by(
            F("salary_median").desc(nulls_last=True), "-salary_max", *careers.az()
        )
    if sort == "growth":
        return careers.order_by(F("growth_pct").desc(nulls_last=True), *careers.az())
    return careers.alphabetical()


def _counts(careers, kept, last):
    """How many careers pass every filter (`listed`); for each filter of `kept`, how many
    pass the others but lack its figure; with `last`, how many listed lack the figure
    sorted by. One query."""
    every = Q()
    for wanted, _lacking in kept.values():
        every &= wanted
    counts = {"listed": Count("pk", filter=every) if kept else Count("pk")}
    for name, (_wanted, lacking) in kept.items():
        others = Q()
        for other, (wanted, _lacking) in kept.items():
            if other != name:
                others &= wanted
        counts[name] = Count("pk", filter=others & lacking)
    if last is not None:
        counts["last"] = Count("pk", filter=every & last)
    return careers.order_by().aggregate(**counts)


def _left_out(counts, chosen, state_name):
    """Sentences saying which careers a filter left out, or a sort put last, and why."""
    lacking = {
        "state": f"no pay figures for {state_name}",
        "pay": "no national median pay published",
        "outlook": "no growth projection",
    }
    said = []
    for name, what in lacking.items():
        n = counts.get(name)
        if n:
            have, are = ("has", "is") if n == 1 else ("have", "are")
            said.append(f"{n} career{pluralize(n)} {have} {what} and {are} not listed.")
    n = counts.get("last")
    if n:
        figure = "median pay" if chosen.get("sort") == "pay" else "growth projection"
        said.append(
            f"{n} career{pluralize(n)} without a published {figure} "
            f"{'comes' if n == 1 else 'come'} last."
        )
    return said


@require_safe
@public_page(
    params={
        "category": slug_value,
        "education": choice(*(str(level) for level in EducationLevel.values)),
        "outlook": choice(*OUTLOOKS),
        "pay": choice(*(str(floor) for floor in PAY_FLOORS)),
        "state": wages.state_slug,
        "sort": choice(*SORTS),
        "page": positive_int,
    },
    depends=[LISTS],
)
def index(request):
    published = Career.objects.published()
    state = wages.state_slug(request.GET.get("state") or "")
    # With a state, the filters count the careers that can be listed: those with a
    # median there.
    paid_there = wages.paid_in(state) if state else None
    form = CareerFilterForm(request.GET, published.filter(paid_there) if state else published)
    chosen = form.filters()
    careers = published.select_related("category")
    if chosen["category"]:
        careers = careers.filter(category=chosen["category"])
    # Sorted and filtered by figures of the careers in one field, or of all of them.
    depends_on(category_list_tag(chosen["category"].pk) if chosen["category"] else ORDER_TAG)
    if chosen.get("education") is not None:
        careers = careers.filter(education_level=chosen["education"])
    state = chosen.get("state") or None
    kept = {}  # each figure filter: (what the careers must have, what they lack)
    if chosen.get("outlook"):
        kept["outlook"] = (OUTLOOKS[chosen["outlook"]][1], Q(growth_pct__isnull=True))
    if chosen.get("pay") is not None:
        kept["pay"] = (Q(salary_median__gte=chosen["pay"]), Q(salary_median__isnull=True))
    if state:
        kept["state"] = (paid_there, ~paid_there)
    last = None  # a sort by a figure lists the careers without it last
    if chosen.get("sort") == "pay" and not state:
        last = Q(salary_median__isnull=True)
    elif chosen.get("sort") == "growth":
        last = Q(growth_pct__isnull=True)
    counts = _counts(careers, kept, last)
    for wanted, _lacking in kept.values():
        careers = careers.filter(wanted)
    if state:
        # The listed careers' median in that state, with its period (BLS OEWS).
        careers = wages.with_state_pay(careers, state)
    if state and chosen.get("sort") == "pay":
        careers = careers.order_by("-state_median", *careers.az())
    else:
        careers = _ordering(careers, chosen.get("sort"))
    paginator = Paginator(careers, CAREERS_PER_PAGE)
    paginator.count = counts["listed"]  # counted with the careers left out: no second count
    page = paginator.get_page(request.GET.get("page"))

    heading = chosen["category"].name + " careers" if chosen["category"] else "All careers"
    if chosen.get("education") is not None:
        heading += f" at {EducationLevel(chosen['education']).label.lower()} level"
    if chosen.get("outlook"):
        heading += f", {OUTLOOKS[chosen['outlook']][0].split(' (')[0].lower()}"
    if chosen.get("pay") is not None:
        heading += f", median pay at least ${chosen['pay']:,}"
    state_name = dict(wages.state_choices()).get(state) if state else None
    if state_name:
        heading += f": pay in {state_name}"
    # Links and the canonical carry only the filters understood, in a fixed order.
    query = QueryDict(mutable=True)
    for name, value in chosen.items():
        if value not in (None, ""):
            query[name] = value.slug if name == "category" else value
    index_path = reverse("careers:index")
    path = page_url(index_path, query, page.number)
    mark_canonical(request, path)
    title = heading
    if chosen.get("sort") in ("pay", "growth"):
        title += " by median pay" if chosen["sort"] == "pay" else " by projected growth"
    meta = Meta(
        title=title + (f" (page {page.number})" if page.number > 1 else ""),
        description=(
            f"{page.paginator.count} careers with pay, projected growth and entry education "
            "from US government data. Filter by field, education, outlook, pay and state."
        ),
        path=path,
        structured_data=[
            item_list(heading, [(c.title, c.get_absolute_url()) for c in page.object_list])
        ],
        breadcrumbs=[("Home", "/"), ("Careers", reverse("careers:index"))],
    )
    fragment = wants_fragment(request)
    context = {
        "form": form,
        "page": page,
        "heading": heading,
        "state_name": state_name,
        "left_out": _left_out(counts, chosen, state_name),
        "meta": meta,
        "fragment": fragment,
        "previous_url": page.has_previous() and page_url(index_path, query, page.number - 1),
        "next_url": page.has_next() and page_url(index_path, query, page.number + 1),
    }
    if not fragment:
        return render(request, "careers/index.html", context)
    # The swap puts the canonical address in the history, not the form's raw query.
    return push_url(render(request, "careers/index.html#listing", context), path)


def compare_value(value):
    """`?compare=<a>-vs-<b>…`: the comparison a visitor came from, which the page offers to
    add this career to (the comparisons app's block reads it). A page with it is served,
    never stored (its canonical is the plain page)."""
    return slug_value(value, max_length=COMPARE_LENGTH)


COMPARE_LENGTH = 500


@require_safe
@public_page(params={"sort": choice(*pay.STATE_SORTS), "compare": compare_value})
def detail(request, slug):
    return guide(request, slug, sort=request.GET.get("sort", "state"))


def guide(request, slug, sort="state", preview=False):
    """
    A career's guide. `preview`: an editor's preview of a draft of a live career
    (careers.admin.drafts renders it with the draft applied): marked, never stored.
    """
    career = get_object_or_404(
        Career.objects.with_parts(day=True)
        .with_catalogue_spread()
        .with_profile()
        .annotate(pay_summary=wages.summary_annotation(), facts=facts_of()),
        slug=slug,
    )
    draft = not career.is_published
    if draft and not is_staff(request):
        raise Http404("No such career.")
    draft = draft or preview
    skills = [link.skill for link in career.skill_links.all()]
    profile = profile_of(career)
    top_skills = top_ratings(profile, "skill")
    if not skills:  # a page without a guide names O*NET's most important skills
        skills = top_skills
    facts = occupation_facts(career.facts)
    guide_wages = pay.guide_pay(career, sort)
    sorted_path = career.get_absolute_url()
    if guide_wages and guide_wages.sort != "state":
        sorted_path += f"?sort={guide_wages.sort}"
    mark_canonical(request, sorted_path)  # ?sort= on a guide without state figures: not stored
    meta = Meta(
        title=(
            f"{career.title}: career guide, pay and outlook"
            if career.has_guide
            else f"{career.title}: pay, outlook and what it takes"
        ),
        description=career.description,
        path=career.get_absolute_url(),
        og_type="article",
        robots="noindex,nofollow" if draft else "index,follow",
        structured_data=[occupation(career, [s.name for s in skills], wage=guide_wages.national)],
        breadcrumbs=[
            ("Home", "/"),
            ("Careers", reverse("careers:index")),
            (career.category.name, career.category.get_absolute_url()),
            (career.title, career.get_absolute_url()),
        ],
    )
    context = {
        "career": career,
        "skills": skills,
        "facts": facts,
        "top_skills": top_skills,
        "top_activities": top_ratings(profile, "activity"),
        "sections": page_sections(career, guide_wages),
        "salary_chart": charts.salary_chart(
            [career],
            spread=(
                career.catalogue_low or career.salary_min,
                career.catalogue_high or career.salary_max,
                bool(career.catalogue_high_top_coded),
            ),
        ),
        "salary_caption": charts.salary_caption([career]),
        "pay": guide_wages,
        # Each state on the map links to its page: relative to the guide's address (fewer
        # bytes), from the site's root in an editor's preview (served at another address).
        "pay_map": maps.state_map(
            guide_wages.states,
            career.title,
            pages=f"{career.get_absolute_url()}pay/" if preview else "pay/",
        )
        if guide_wages
        else None,
        # The catalogue's own sources usually list BLS's page for the occupation already.
        "wage_page_listed": bool(guide_wages)
        and any(source.url == guide_wages.occupation_url for source in career.sources.all()),
        "state_columns": [
            (key, label, None if key == "range" else career.get_absolute_url() + query)
            for key, label, query in STATE_COLUMNS
        ],
        "draft": draft,
        "compare": request.GET.get("compare", ""),
        "meta": meta,
    }
    if guide_wages and wants_fragment(request):  # a sort of the state table (htmx)
        return render(request, "careers/_pay_by_state.html#state_table", context)
    response = render(request, "careers/detail.html", context)
    return private(response, store=False) if draft else response


SOC_CODE = re.compile(r"^\d\d-\d{4}$")


@require_safe
def by_soc_code(request, code):
    """/careers/soc/29-2061/ → the occupation's page (301); a code with no page is a 404."""
    if not SOC_CODE.fullmatch(code):
        raise Http404("Not a SOC code: use the form 29-2061.")
    career = Career.objects.published().filter(soc_code=code).only("slug").first()
    if career is None:
        raise Http404("No occupation with that SOC code.")
    return redirect(career.get_absolute_url(), permanent=True)


def occupation_facts(data):
    """The `facts_of` annotation as the template reads it (None without an occupation)."""
    if not data:
        return None
    if isinstance(data, str):
        data = json.loads(data)
    if isinstance(data.get("industries"), str):  # SQLite hands nested JSON back as text
        data["industries"] = json.loads(data["industries"])
    return data


def page_sections(career, guide_wages):
    """The page's numbered sections, in order: {id: (number, heading)}; a page without an
    editor's guide has no prose sections."""
    ids = [
        ("snapshot", "Snapshot"),
        *([("why", "Why it matters"), ("day", "A real day")] if career.has_guide else []),
        ("pay", "Pay and outlook"),
        ("skills", "Skills and work" if career.has_guide else "Skills and work activities"),
        ("routes", "Education routes" if career.has_guide else "Education and training"),
        ("sources", "Sources"),
    ]
    return {key: (number, heading) for number, (key, heading) in enumerate(ids, start=1)}


# The state table's columns: (sort key, heading, query of the guide sorted by it).
STATE_COLUMNS = [
    ("state", "State", ""),
    ("median", "Median pay", "?sort=median"),
    ("range", "Middle half (25th–75th)", ""),
    ("jobs", "Jobs", "?sort=jobs"),
]


@require_safe
@public_page
def state_pay(request, slug, state):
    """A career's pay and jobs in one state, against the nation, with its metro areas."""
    career = get_object_or_404(
        Career.objects.select_related("category").prefetch_related(*career_parts()[:1]),
        slug=slug,
    )
    draft = not career.is_published
    if draft and not is_staff(request):
        raise Http404("No such career.")
    found = pay.state_pay(career, state)
    if found is None:
        raise Http404("No figures for this career in this state.")
    area, wage = found.area, found.state
    path = reverse("careers:state-pay", kwargs={"slug": career.slug, "state": area.slug})
    versus = found.versus_national
    description = (
        f"{career.title} pay in {area.name}: median {wage.median.with_unit} in "
        f"{found.period}"
        + (f", {versus} the US median of {found.national.median.text}" if versus else "")
        + (f"; {wage.jobs.text} jobs" if wage.jobs.published else "")
        + ". Pay by metro area, neighbouring states and the official BLS figures."
    )
    meta = Meta(
        title=f"{career.title} pay in {area.name} ({found.period})",
        description=description,
        path=path,
        og_type="article",
        robots="noindex,nofollow" if draft else "index,follow",
        structured_data=[
            occupation(career, [link.skill.name for link in career.skill_links.all()], wage=wage)
        ],
        breadcrumbs=[
            ("Home", "/"),
            ("Careers", reverse("careers:index")),
            (career.title, career.get_absolute_url()),
            (f"Pay in {area.name}", path),
        ],
    )
    context = {"career": career, "found": found, "draft": draft, "meta": meta}
    response = render(request, "careers/state.html", context)
    return private(response, store=False) if draft else response


@require_safe
@public_page(params={"q": text_value}, cache=False)
def search(request):
    raw = request.GET.get("q", "")
    too_long = len(raw) > MAX_QUERY_LENGTH
    # NUL and other control characters cannot be part of a career's name: drop them.
    query = "" if too_long else "".join(ch for ch in raw if ch.isprintable()).strip()
    fragment = wants_fragment(request)
    if query:
        # The autocomplete shows a few careers; the page more, or the nearest ones.
        limit, nearby = (SUGGESTIONS, 0) if fragment else (SEARCH_RESULTS, NEARBY)
        found = find_careers(query, limit=limit, nearby=nearby)
    else:
        found = Found([])
    results = found.careers
    popular = []
    if not (results or found.nearby or fragment):
        popular = list(Career.objects.published().order_by("-growth_pct")[:6])
    meta = Meta(
        title=f"Search results for “{query}”" if query else "Search careers",
        description=(
            "Find a career guide by its title, another name for the job, or a skill it uses."
        ),
        path=reverse("careers:search"),
        robots="noindex,follow",
        breadcrumbs=[("Home", "/"), ("Search", reverse("careers:search"))],
    )
    context = {
        "query": query,
        "too_long": too_long,
        "results": results,
        "corrected": found.corrected,
        "nearby": found.nearby,
        "popular": popular,
        "meta": meta,
    }
    if fragment:
        context["suggestions"] = results
        return render(request, "careers/search.html#suggestions", context)
    return render(request, "careers/search.html", context)
