"""
Issue 25: an editor's save re-renders only the cached pages that show what changed.

A cached page depends on the careers it shows, the lists it includes and the figures it
draws from the whole catalogue (publishing.versions, publishing.pagecache); `X-Cache`
tells what the cache did. The plumber is the career saved; the software developer, the
nurse and the data scientist vs statistician pair show nothing of it.
"""

import re

import pytest
from django.core.cache import cache
from django.db import transaction

from careers.models import Career
from comparisons.models import Comparison
from qoollege.sitemaps import SITEMAPS

pytestmark = pytest.mark.usefixtures("catalog")

SAVED = [
    "/careers/plumber/",
    "/careers/plumber/pay/texas/",
    "/careers/plumber/pay/ohio/",
    "/careers/plumber/moves/",
    "/compare/electrician-vs-plumber/",
    "/compare/plumber-vs-hvac-technician/",
]
UNRELATED = [
    "/careers/software-developer/",
    "/careers/registered-nurse/pay/texas/",
    "/careers/registered-nurse/moves/",
    "/compare/data-scientist-vs-statistician/",
    "/compare/actuary-vs-software-developer/",  # a pair nobody curated
    "/careers/?category=healthcare",
]


def visit(client, urls):
    """{url: X-Cache} of a GET of each."""
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = response["X-Cache"]
    return answers


def save(career, execute, **values):
    """Save a career as the admin does: one transaction, then the bump at commit."""
    for name, value in values.items():
        setattr(career, name, value)
    with execute(execute=True):
        with transaction.atomic():
            career.save()


def test_a_save_re_renders_the_careers_pages_and_leaves_the_others(
    client, django_capture_on_commit_callbacks
):
    visit(client, SAVED + UNRELATED)
    assert set(visit(client, SAVED + UNRELATED).values()) == {"hit"}

    plumber = Career.objects.get(slug="plumber")
    save(plumber, django_capture_on_commit_callbacks, day_to_day="Mostly call-outs to leaks.")

    assert visit(client, SAVED) == dict.fromkeys(SAVED, "miss")
    assert visit(client, UNRELATED) == dict.fromkeys(UNRELATED, "hit")
    for url in ["/careers/plumber/", "/compare/electrician-vs-plumber/"]:
        assert "Mostly call-outs to leaks." in client.get(url).content.decode()
    assert visit(client, SAVED) == dict.fromkeys(SAVED, "hit")


def test_a_part_of_a_career_re_renders_its_pages_only(client, django_capture_on_commit_callbacks):
    visit(client, SAVED + UNRELATED)
    route = Career.objects.get(slug="plumber").education_routes.first()
    route.text = "A four-year union apprenticeship"
    with django_capture_on_commit_callbacks(execute=True):
        route.save()
    assert visit(client, SAVED[:1] + UNRELATED) == {
        SAVED[0]: "miss",
        **dict.fromkeys(UNRELATED, "hit"),
    }
    assert "A four-year union apprenticeship" in client.get(SAVED[0]).content.decode()


def test_a_comparison_save_re_renders_its_careers_pages_and_the_lists(
    client, django_capture_on_commit_callbacks
):
    lists = ["/", "/compare/"]
    visit(client, SAVED + UNRELATED + lists)
    pair = Comparison.objects.get(career_a__slug="electrician", career_b__slug="plumber")
    pair.is_featured = not pair.is_featured
    with django_capture_on_commit_callbacks(execute=True):
        pair.save()
    assert visit(client, ["/compare/electrician-vs-plumber/", "/careers/plumber/", *lists]) == {
        "/compare/electrician-vs-plumber/": "miss",
        "/careers/plumber/": "miss",
        **dict.fromkeys(lists, "miss"),
    }
    assert visit(client, UNRELATED[:4]) == dict.fromkeys(UNRELATED[:4], "hit")


def test_a_comparison_moved_to_another_career_re_renders_the_one_it_left(
    client, django_capture_on_commit_callbacks
):
    left, pair = "/careers/hvac-technician/", "/compare/plumber-vs-hvac-technician/"
    visit(client, [left, UNRELATED[0]])
    assert pair in client.get(left).content.decode()
    moved = Comparison.objects.get(career_a__slug="plumber", career_b__slug="hvac-technician")
    moved.career_b = Career.objects.get(slug="software-developer")
    with django_capture_on_commit_callbacks(execute=True):
        moved.save()
    response = client.get(left)
    assert response["X-Cache"] == "miss"
    assert pair not in response.content.decode()


def test_a_change_to_what_lists_sort_by_re_renders_the_lists_it_can_change(
    client, django_capture_on_commit_callbacks
):
    healthcare, construction = (
        "/careers/?category=healthcare",
        "/careers/?category=construction-and-extraction&sort=pay",
    )
    every_career = ["/careers/?sort=pay", "/careers/?sort=growth&page=2"]
    visit(client, [healthcare, construction, *every_career, *UNRELATED[:4]])
    plumber = Career.objects.get(slug="plumber")
    # Prose no list shows: lists without the plumber are kept.
    save(plumber, django_capture_on_commit_callbacks, why_it_matters="Clean water, safely.")
    assert visit(client, [healthcare, every_career[1]]) == {
        healthcare: "hit",
        every_career[1]: "hit",
    }
    # The median pay sorts and filters lists: those of every career and of the plumber's
    # field may change; the healthcare list cannot.
    save(plumber, django_capture_on_commit_callbacks, salary_median=plumber.salary_median + 900)
    assert visit(client, [construction, *every_career]) == dict.fromkeys(
        [construction, *every_career], "miss"
    )
    assert visit(client, [healthcare, *UNRELATED[:4]]) == dict.fromkeys(
        [healthcare, *UNRELATED[:4]], "hit"
    )


def test_unpublishing_a_career_hides_it_from_every_page_at_once(
    client, django_capture_on_commit_callbacks
):
    pages = ["/careers/plumber/", "/careers/electrician/", "/careers/hvac-technician/"]
    visit(client, pages)
    assert all(links_to_plumber(client.get(url)) for url in pages[1:])
    save(Career.objects.get(slug="plumber"), django_capture_on_commit_callbacks, is_published=False)
    assert client.get(pages[0]).status_code == 404
    for url in pages[1:]:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert not links_to_plumber(response), url


def test_a_kept_page_prints_the_date_of_the_latest_change_as_a_fresh_render_does(
    client, django_capture_on_commit_callbacks
):
    """Printouts say when the site's content last changed: a page the cache kept through
    an unrelated save (another day's) says the new date, as a fresh render would."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.formats import date_format

    from publishing import versions
    from publishing.models import ContentVersion
    from tests.html import find, parse, text

    def printed(response):
        return text(find(parse(response), "p", id="print-source"))

    long_ago = timezone.now() - timedelta(days=40)
    ContentVersion.objects.filter(pk=1).update(changed_at=long_ago)
    versions.memo.forget()
    page = "/compare/data-scientist-vs-statistician/"
    kept = client.get(page)
    assert printed(kept).endswith(f"updated {date_format(timezone.localtime(long_ago))}")

    plumber = Career.objects.get(slug="plumber")
    save(plumber, django_capture_on_commit_callbacks, day_to_day="Leaks.")
    hit = client.get(page)
    assert hit["X-Cache"] == "hit"
    assert printed(hit).endswith(f"updated {date_format(timezone.localtime())}")
    assert hit["ETag"] != kept["ETag"]  # not a 304 for the old date
    assert client.get(page, headers={"If-None-Match": kept["ETag"]}).status_code == 200
    cache.clear()
    assert client.get(page).content == hit.content


def links_to_plumber(response):
    return re.findall(r'href="[^"]*plumber[^"]*"', response.content.decode())


# -- Whatever the save, a hit is what a render would give ------------------------------------


SITEMAP_URLS = []  # read once: the catalogue is the template's in every test


def sample_pages(client, every):
    """Every `every`-th URL of the sitemaps (guides, state pages, comparisons, moves), the
    lists the sitemap names, the sitemap itself, the saved career's own pages and the
    unrelated ones above."""
    if not SITEMAP_URLS:
        # The URLs the sitemap pages list, in the index's order, from the sections
        # themselves: rendering the 35,544 state pages' entries as XML took seconds.
        for sitemap_class in SITEMAPS.values():
            sitemap = sitemap_class()
            for page in sitemap.paginator.page_range:
                SITEMAP_URLS.extend(
                    url["location"].removeprefix("http://testserver")
                    for url in sitemap.get_urls(page=page)
                )
    urls = SITEMAP_URLS
    lists = [url for url in urls if not url.startswith(("/careers/", "/compare/"))]
    lists += ["/careers/", "/compare/"]
    return sorted({*urls[::every], *lists, "/sitemap.xml", *SAVED, *UNRELATED})


EDITS = {
    "prose": {"day_to_day": "Mostly call-outs to leaks."},
    "a figure lists sort by": {"salary_median": 71_300},
    "the title": {"title": "Plumber and pipefitter"},
    "unpublished": {"is_published": False},
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_a_save_every_hit_is_what_a_fresh_render_gives(
    client, edit, django_capture_on_commit_callbacks
):
    pages = sample_pages(client, every=1000)
    visit(client, pages)
    save(Career.objects.get(slug="plumber"), django_capture_on_commit_callbacks, **EDITS[edit])
    served = {url: client.get(url) for url in pages}
    cache.clear()
    for url, response in served.items():
        fresh = client.get(url)
        assert fresh["X-Cache"] == "miss"
        assert (response.status_code, response.content) == (fresh.status_code, fresh.content), (
            f"{url} ({response['X-Cache']}) is not what it renders after the save"
        )
    assert any(response["X-Cache"] == "miss" for response in served.values())
    assert any(response["X-Cache"] == "hit" for response in served.values())


SAVES = {
    "prose": {"day_to_day": "Mostly call-outs to leaks.", "typical_hours": "7 a.m. starts"},
    "a corrected figure": {"annual_openings": 44_100},
    "the median, which lists sort by": {"salary_median": 71_300},
}


def test_at_least_99_percent_of_other_cached_pages_stay_hits_after_one_save(
    client, django_capture_on_commit_callbacks
):
    """Measured over a sample of what a crawler keeps cached (the sitemaps' pages): the
    pages of other careers, the lists and the sitemaps, after one save of the plumber,
    for each kind of save in turn. (A career's own pages are its guide, state pages,
    moves and comparisons.)"""
    pages = sample_pages(client, every=60)
    own = re.compile(r"^/careers/plumber/|^/compare/(plumber-vs-|.*-vs-plumber/)")
    others = [url for url in pages if not own.match(url)]
    assert len(others) >= 500
    visit(client, pages)
    for edit, values in SAVES.items():
        save(Career.objects.get(slug="plumber"), django_capture_on_commit_callbacks, **values)
        answers = visit(client, others)
        missed = sorted(url for url, answer in answers.items() if answer != "hit")
        ratio = 1 - len(missed) / len(others)
        print(f"{edit}: {len(others) - len(missed)}/{len(others)} still hits ({ratio:.1%})")
        print(missed)
        assert ratio >= 0.99, (edit, missed)
        assert {url: answers[url] for url in UNRELATED[:5]} == dict.fromkeys(UNRELATED[:5], "hit")
        visit(client, SAVED)  # the saved career's pages are cached again
