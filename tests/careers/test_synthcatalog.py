"""synthcatalog: exact counts, determinism, the demo catalogue untouched, pages that render."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q

from careers.models import Career, CareerSkill, DayItem, Source
from comparisons.models import Comparison, comparison_url
from publishing.models import ContentVersion

pytestmark = pytest.mark.usefixtures("catalog")

PREFIX = "synthetic-role-"
# Small enough to build quickly (each test builds its own), large enough that the pairs
# (60 of the 190 possible) are drawn with collisions to avoid.
CAREERS, COMPARISONS, SEED = 20, 60, 3


def synth(*args, careers=CAREERS, comparisons=COMPARISONS, seed=SEED):
    out = StringIO()
    call_command(
        "synthcatalog",
        "--careers",
        str(careers),
        "--comparisons",
        str(comparisons),
        "--seed",
        str(seed),
        *args,
        stdout=out,
    )
    return out.getvalue()


def synthetic():
    return Career.objects.filter(slug__startswith=PREFIX)


def synthetic_comparisons():
    return Comparison.objects.filter(
        career_a__slug__startswith=PREFIX, career_b__slug__startswith=PREFIX
    )


def demo_state():
    demo = Career.objects.exclude(slug__startswith=PREFIX)
    return {
        "careers": list(demo.order_by("slug").values_list("slug", "title", "updated_at")),
        "parts": list(
            demo.order_by("slug")
            .annotate(
                skills=Count("skill_links", distinct=True), days=Count("day_items", distinct=True)
            )
            .values_list("slug", "skills", "days")
        ),
        "comparisons": sorted(
            Comparison.objects.exclude(
                Q(career_a__slug__startswith=PREFIX) | Q(career_b__slug__startswith=PREFIX)
            ).values_list("career_a__slug", "career_b__slug", "updated_at")
        ),
    }


def test_creates_exactly_the_asked_numbers_and_bumps_the_version_once(
    django_capture_on_commit_callbacks,
):
    version = ContentVersion.read().number
    with django_capture_on_commit_callbacks(execute=True):
        out = synth()
    assert synthetic().count() == CAREERS
    assert synthetic().filter(is_published=True).count() == CAREERS
    assert synthetic_comparisons().filter(is_published=True).count() == COMPARISONS
    assert ContentVersion.read().number == version + 1
    assert f"{CAREERS:,} careers, {COMPARISONS:,} comparisons" in out
    assert out.count("\n") == 1


def test_pairs_are_distinct_in_either_order_and_never_self():
    synth()
    pairs = list(synthetic_comparisons().values_list("career_a_id", "career_b_id"))
    assert all(a != b for a, b in pairs)
    assert len({frozenset(pair) for pair in pairs}) == COMPARISONS


def test_same_seed_same_catalogue_and_replace_rebuilds_it():
    synth()
    first = list(synthetic().order_by("slug").values_list("slug", "title", "salary_median"))
    first_pairs = sorted(synthetic_comparisons().values_list("career_a__slug", "career_b__slug"))
    synth("--replace")
    assert synthetic().count() == CAREERS
    assert list(synthetic().order_by("slug").values_list("slug", "title", "salary_median")) == (
        first
    )
    assert (
        sorted(synthetic_comparisons().values_list("career_a__slug", "career_b__slug"))
        == first_pairs
    )
    synth("--replace", seed=SEED + 1)
    assert synthetic().count() == CAREERS
    assert list(synthetic().order_by("slug").values_list("slug", "title", "salary_median")) != (
        first
    )


def test_a_second_run_without_replace_is_refused():
    synth()
    with pytest.raises(CommandError, match="--replace"):
        synth()
    assert synthetic().count() == CAREERS


def test_more_pairs_than_careers_allow_is_refused():
    with pytest.raises(CommandError, match="at most 6 pairs"):
        synth(careers=4, comparisons=7)
    assert not synthetic().exists()


def test_demo_catalogue_is_untouched_by_build_and_replace():
    before = demo_state()
    synth()
    assert demo_state() == before
    synth("--replace", careers=10, comparisons=20)
    assert demo_state() == before
    assert synthetic().count() == 10


def test_every_synthetic_career_is_complete_and_consistent():
    synth()
    careers = (
        synthetic()
        .select_related("search_document")
        .annotate(
            skills=Count("skill_links", distinct=True),
            places=Count("workplace_links", distinct=True),
            routes=Count("education_routes", distinct=True),
            days=Count("day_items", distinct=True),
            source_count=Count("sources", distinct=True),
        )
    )
    for career in careers:
        assert "-vs-" not in career.slug
        assert 5 <= career.skills <= 12, career.slug
        assert 3 <= career.places <= 6 and 2 <= career.routes <= 4, career.slug
        assert 6 <= career.days <= 8 and 1 <= career.source_count <= 2, career.slug
        assert career.salary_min <= career.salary_median <= career.salary_max
        assert -10 <= career.growth_pct <= 40 and career.growth_horizon == 2034
        assert len(career.day_to_day_paragraphs) == 2
        # Bulk inserts send no signals: synthcatalog writes the search documents itself.
        assert career.search_document.title == career.title.lower()
        assert career.search_document.extra.count("\n") + 1 == career.skills + career.places
    positions = CareerSkill.objects.filter(career__slug__startswith=PREFIX).values_list(
        "career_id", "position"
    )
    by_career = {}
    for career_id, position in positions.order_by("career_id", "position"):
        by_career.setdefault(career_id, []).append(position)
    assert all(found == list(range(len(found))) for found in by_career.values())
    days = {}
    items = DayItem.objects.filter(career__slug__startswith=PREFIX).order_by("pk")
    for career_id, time in items.values_list("career_id", "time"):  # in the order written
        days.setdefault(career_id, []).append(time)
    assert all(times == sorted(set(times)) for times in days.values())
    sources = Source.objects.filter(career__slug__startswith=PREFIX)
    assert not sources.exclude(url__startswith="https://").exists()


def test_synthetic_pages_render_within_the_query_budget(client, django_assert_max_num_queries):
    synth()
    career = synthetic().order_by("slug").first()
    curated = synthetic_comparisons().select_related("career_a", "career_b").first()
    curated_pairs = {frozenset(p) for p in Comparison.objects.values_list("career_a", "career_b")}
    others = list(synthetic().order_by("slug")[:8])
    a, b = next(
        (a, b)
        for a in others
        for b in others
        if a != b and frozenset((a.pk, b.pk)) not in curated_pairs
    )
    uncurated = comparison_url(*sorted([a.slug, b.slug]))
    for path in [
        career.get_absolute_url(),
        curated.get_absolute_url(),
        uncurated,
        "/careers/software-developer/",
        "/careers/",
        "/",
        f"/search/?q={career.title.split()[1]}",
    ]:
        with django_assert_max_num_queries(8):
            response = client.get(path)
        assert response.status_code == 200, path
    response = client.get(career.get_absolute_url())
    assert career.title in response.content.decode()


# --- Area wages for synthetic careers -------------------------------------------------------------


def test_synthetic_careers_get_area_wages_and_guide_summaries():
    from occupations.models import Area, AreaKind, AreaWage, PaySummary

    synth("--metro-share", "0.2")
    careers = list(synthetic().order_by("slug"))
    assert all(c.soc_code.startswith("99-") for c in careers)
    assert len({c.soc_code for c in careers}) == CAREERS
    metros = Area.objects.filter(kind__in=[AreaKind.METRO, AreaKind.NONMETRO]).count()
    per_career = 1 + 54 + round(metros * 0.2)
    wages = AreaWage.objects.filter(soc__startswith="99-")
    assert wages.count() == CAREERS * per_career
    assert PaySummary.objects.filter(soc__startswith="99-").count() == CAREERS
    career = careers[0]
    national = wages.get(soc=career.soc_code, area__kind=AreaKind.NATIONAL)
    assert national.annual_median == career.salary_median
    for wage in wages.filter(soc=career.soc_code):
        published = [
            v
            for v in (wage.annual_p10, wage.annual_p25, wage.annual_median, wage.annual_p75)
            if v is not None
        ]
        assert published == sorted(published)
        if wage.annual_median is None:
            assert wage.footnotes["annual_median"] == 8
    # --replace rebuilds them, without touching the demo catalogue's wages.
    demo = AreaWage.objects.exclude(soc__startswith="99-").count()
    synth("--replace", "--metro-share", "0")
    assert wages.count() == CAREERS * 55
    assert AreaWage.objects.exclude(soc__startswith="99-").count() == demo == 223_174


def test_synthetic_state_pages_and_guides_with_maps_keep_their_budgets(
    client, django_assert_max_num_queries
):
    synth()
    career = synthetic().order_by("slug").first()
    guide = client.get(career.get_absolute_url()).content.decode()
    assert 'id="pay-by-state"' in guide
    for path in [career.get_absolute_url(), career.get_absolute_url() + "pay/texas/"]:
        with django_assert_max_num_queries(8):
            response = client.get(path)
        assert response.status_code in (200, 404), path  # 404: Texas figures not released
        assert len(response.content) <= 60 * 1024


def test_without_areas_no_wages_are_made():
    from occupations.models import Area, AreaWage, PaySummary

    # Plain SQL deletes, as synthcatalog's --replace does: the ORM's delete would load the
    # demo catalogue's 223,174 area wages to send a signal for each.
    with connection.cursor() as cursor:
        for model in (PaySummary, AreaWage, Area):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    assert not Area.objects.exists()
    out = synth()
    assert "0 area wages" in out
    assert synthetic().count() == CAREERS


def test_profiles_option_gives_synthetic_careers_a_profile_that_moves_and_fit_rank(client):
    from fit.ranking import find_fits
    from occupations.models import OnetProfile, ProfileSimilarity

    real = list(OnetProfile.objects.order_by("soc_code").values_list("soc_code", flat=True))
    similar = ProfileSimilarity.objects.count()
    out = synth("--profiles")
    assert f"{CAREERS:,} O*NET profiles" in out
    codes = list(synthetic().order_by("slug").values_list("soc_code", flat=True))
    copies = dict(OnetProfile.objects.filter(soc_code__in=codes).values_list("soc_code", "ratings"))
    assert len(copies) == CAREERS
    # Taken in turn from the real profiles: the first synthetic career copies the first.
    assert copies[codes[0]] == OnetProfile.objects.get(soc_code=real[0]).ratings
    # Its neighbours are those of the profile it copies, and that one, both ways.
    assert ProfileSimilarity.objects.get(soc_code=codes[0], other_soc_code=real[0]).score == 1
    assert ProfileSimilarity.objects.filter(soc_code=real[0], other_soc_code=codes[0]).exists()
    # Moves and fit rank them like any profiled career.
    origin = Career.objects.published().filter(soc_code=real[0]).first()
    if origin is not None:
        page = client.get(f"/careers/{origin.slug}/moves/").content.decode()
        assert synthetic().get(soc_code=codes[0]).title in page
    assert find_fits({"fix": 2}).considered >= CAREERS
    # --replace takes them away with their careers and writes them again.
    synth("--replace", "--profiles")
    assert OnetProfile.objects.filter(soc_code__in=codes).count() == CAREERS
    synth("--replace")
    assert not OnetProfile.objects.filter(soc_code__startswith="99-").exists()
    assert ProfileSimilarity.objects.count() == similar
