"""
Search as visitors use it: the words they type (plurals, abbreviations, other names,
typos, accents) find the career they mean, first, on SQLite and on PostgreSQL alike; the
search page, the header autocomplete and the picker share one ranking; an empty search
and a mistyped guide address suggest the nearest careers; editors' other names are
searchable at the next request.
"""

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from careers import search_index
from careers.models import Career, CareerAlias, CareerSearch, SearchWord, Skill
from careers.search import edit_distance, find_careers, trigram_similarity
from comparisons.models import Comparison
from tests.admin_forms import current_form_data
from tests.html import find_all, meta, parse, text

pytestmark = pytest.mark.usefixtures("catalog")

# What people type → the careers that must come first, in this order. The lead runs this
# table on PostgreSQL too: the results must be the same on both databases.
QUERIES = [
    # word forms and plurals
    ("nursing", ["Registered Nurse", "Licensed Practical Nurse", "Nursing Assistant"]),
    ("nurses", ["Registered Nurse", "Licensed Practical Nurse"]),
    ("NURSE", ["Registered Nurse", "Licensed Practical Nurse"]),
    ("registered nurses", ["Registered Nurse"]),
    ("engineers", ["Civil Engineer", "Industrial Engineer", "Mechanical Engineer"]),
    ("plumbers", ["Plumber / Pipefitter / Steamfitter"]),
    ("lawyers", ["Lawyer"]),
    ("accounting", ["Accountant / Auditor"]),
    # common titles, abbreviations and other names, exact ones first
    ("rn", ["Registered Nurse"]),
    ("cpa", ["Accountant / Auditor"]),
    ("sre", ["DevOps Engineer"]),
    ("SWE", ["Software Developer"]),
    ("np", ["Nurse Practitioner"]),
    ("dbas", ["Database Administrator"]),
    ("attorney", ["Lawyer"]),
    ("physiotherapist", ["Physical Therapist"]),
    ("ml ops", ["MLOps Engineer"]),
    ("cyber security", ["Information Security Analyst"]),
    ("it manager", ["IT Manager (Computer & Information Systems Manager)"]),
    ("doctor", ["Pediatrician", "Anesthesiologist", "Radiologist"]),
    # every word in several titles: the occupation more people work in first
    ("truck driver", ["Heavy and Tractor-Trailer Truck Driver", "Light Truck Driver"]),
    ("police", ["Police and Sheriff's Patrol Officer"]),
    # skills and workplaces, after titles and names
    ("blueprint reading", ["Electrician", "Plumber / Pipefitter / Steamfitter"]),
    ("statistics", ["Statistician", "Statistical Assistant"]),
    # half-typed words (search as you type)
    ("nurse prac", ["Nurse Practitioner"]),
    ("electri", ["Electrician", "Electrical Engineer"]),
    ("data", ["Data Scientist", "Data Entry Clerk", "Database Administrator"]),
    # typos
    ("registred nurse", ["Registered Nurse"]),
    ("electrision", ["Electrician"]),
    ("pharmasist", ["Pharmacist"]),
    ("docter", ["Pediatrician"]),
    ("software enginer", ["Software Developer"]),
    # accents and case
    ("énginéer", ["Civil Engineer", "Industrial Engineer"]),
    ("PHÀRMACIST", ["Pharmacist"]),
]


def results(response):
    lists = [ol for ol in find_all(parse(response), "ol") if ol.get("class") == "results"]
    return [text(a) for a in find_all(lists[0], "a")] if lists else []


@pytest.mark.parametrize(("query", "first"), QUERIES, ids=[q for q, _ in QUERIES])
def test_what_people_type_finds_the_career_they_mean_first(client, query, first):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert results(response)[: len(first)] == first


def test_title_matches_come_before_other_names_and_skills(client):
    found = find_careers("analyst", limit=40).careers
    ranks = [career.rank for career in found]
    assert ranks == sorted(ranks)
    titled = [c.title for c in found if "Analyst" in c.title]
    assert [c.title for c in found][: len(titled)] == titled
    assert len(found) > len(titled), "careers that only mention analysts come after"
    # Within titles, the title that is about analysts and short comes first.
    assert found[0].title == "Management Analyst"


@pytest.mark.parametrize("query", ["rn", "nurs", "engineer", "doctor", "electrision"])
def test_one_ranking_for_the_page_the_autocomplete_and_the_picker(client, query):
    page = results(client.get("/search/", {"q": query}))
    fragment = client.get("/search/", {"q": query}, headers={"HX-Request": "true"})
    autocomplete = [li.get("data-value") for li in find_all(parse(fragment), "li")]
    picker = client.get("/compare/suggest/", {"a": query}, headers={"HX-Request": "true"})
    options = [li.get("data-value") for li in find_all(parse(picker), "li")]
    assert page and autocomplete == page[:8] and options == page[:8]


def test_a_typo_shows_what_was_searched_for_instead(client):
    response = client.get("/search/", {"q": "registred nurse"})
    body = " ".join(response.content.decode().split())
    assert "No career guide matches “registred nurse”" in body
    assert "these are the careers for “<strong>registered nurse</strong>”" in body
    fragment = client.get("/search/", {"q": "electrisi"}, headers={"HX-Request": "true"})
    assert 'data-value="Electrician"' in fragment.content.decode()


def test_an_empty_search_suggests_the_closest_careers_as_links(client):
    tree = parse(client.get("/search/", {"q": "nurse quidditch"}))
    lists = [ul for ul in find_all(tree, "ul") if ul.get("class") == "did-you-mean"]
    links = [(text(a), a.get("href")) for a in find_all(lists[0], "a")]
    assert links[:2] == [
        ("Registered Nurse", "/careers/registered-nurse/"),
        ("Licensed Practical Nurse", "/careers/licensed-practical-nurse/"),
    ]
    assert "Popular careers" not in text(tree.find(".//{*}main"))


def test_a_search_nothing_resembles_offers_popular_careers(client):
    body = client.get("/search/", {"q": "quidditch"}).content.decode()
    assert "No career guide matches “quidditch”" in body
    assert "Popular careers" in body and "Did you mean" not in body


def test_an_unknown_guide_address_suggests_the_closest_guides_and_stays_a_404(client):
    response = client.get("/careers/registerd-nurse/")
    assert response.status_code == 404
    tree = parse(response)
    lists = [ul for ul in find_all(tree, "ul") if ul.get("class") == "did-you-mean"]
    assert [a.get("href") for a in find_all(lists[0], "a")][0] == "/careers/registered-nurse/"
    assert meta(tree)["robots"] == "noindex,follow"
    # An address that resembles nothing, or is not a guide's, gets the plain 404.
    for path in ("/careers/zzqx/", "/no-such-page/nurse/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "did-you-mean" not in response.content.decode()


def test_a_draft_guide_is_never_suggested(client):
    Career.objects.filter(slug="electrician").update(is_published=False)
    response = client.get("/careers/electrisian/")
    assert response.status_code == 404
    assert "/careers/electrician/" not in response.content.decode()
    assert "Electrician" not in results(client.get("/search/", {"q": "electrician"}))


def test_search_pages_keep_the_query_budget(client, django_assert_max_num_queries):
    # The longest path: nothing found, typos corrected, still nothing, then nearby careers.
    for path in [
        "/search/?q=nurse",
        "/search/?q=registred+nurse",
        "/search/?q=nurse+astronaut",
        "/search/?q=astronautx",
        "/careers/registerd-nurse/",
    ]:
        with django_assert_max_num_queries(8):
            client.get(path)


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "nurse*", "NEAR(a b)", "title: nurse", "{title}:x", "a AND OR NOT b",
     "^nurse", "nurse:*", "a & b | !c", "(", "'", "\\", "_", "__init__", "%", "%_", "🙂",
     "ǅ", "日本語", "x" * 100, "nurse " * 20],
)  # fmt: skip
def test_search_syntax_in_a_query_is_just_text(client, query):
    for path in ("/search/", "/compare/suggest/"):
        key = "q" if path == "/search/" else "a"
        assert client.get(path, {key: query}).status_code == 200
        response = client.get(path, {key: query}, headers={"HX-Request": "true"})
        assert response.status_code == 200


def test_an_editors_other_name_is_searchable_at_the_next_request(admin_client, client):
    electrician = Career.objects.get(slug="electrician")
    change_url = reverse("admin:careers_career_change", args=[electrician.pk])
    assert "Electrician" not in results(client.get("/search/", {"q": "sparky"}))
    data = current_form_data(admin_client, change_url)
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-name": "Sparky"})
    assert admin_client.post(change_url, data).status_code == 302
    assert results(client.get("/search/", {"q": "sparky"}))[0] == "Electrician"
    assert results(client.get("/search/", {"q": "sparkies"}))[0] == "Electrician"

    # Taken away again, it no longer finds the career.
    data = current_form_data(admin_client, change_url)
    data["aliases-0-DELETE"] = "on"
    assert admin_client.post(change_url, data).status_code == 302
    assert "Electrician" not in results(client.get("/search/", {"q": "sparky"}))


def test_the_admin_refuses_an_other_name_twice(admin_client):
    career = Career.objects.get(slug="electrician")
    change_url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(admin_client, change_url)
    data.update({"aliases-TOTAL_FORMS": "2", "aliases-0-name": "Sparky"})
    data["aliases-1-name"] = "sparky"
    response = admin_client.post(change_url, data)
    assert response.status_code == 200
    assert "“sparky” is listed twice" in response.content.decode()
    assert not CareerAlias.objects.filter(career=career).exists()


def test_renames_and_new_skills_are_searchable_at_once(client):
    skill = Skill.objects.get(name="Blueprint Reading")
    skill.name = "Schematic Reading"
    skill.save()
    assert results(client.get("/search/", {"q": "schematic"}))[0] == "Electrician"
    career = Career.objects.get(slug="technical-writer")
    career.title = "Documentation Writer"
    career.save()
    assert results(client.get("/search/", {"q": "documentation writer"}))[0] == career.title
    assert SearchWord.objects.filter(word="schematic").exists()


def test_deleting_a_career_deletes_its_search_document():
    career = Career.objects.get(slug="actuary")
    Comparison.objects.filter(Q(career_a=career) | Q(career_b=career)).delete()
    pk = career.pk
    career.delete()  # its parts go first: their signals must not write its document again
    assert not CareerSearch.objects.filter(career_id=pk).exists()
    assert not find_careers("actuary").careers


def test_every_career_has_a_document_the_database_indexes():
    assert CareerSearch.objects.count() == Career.objects.count()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM careers_careersearch WHERE vector IS NULL")
            assert cursor.fetchone()[0] == 0
        else:
            cursor.execute("SELECT count(*) FROM careers_search_fts")
            assert cursor.fetchone()[0] == CareerSearch.objects.count()
    # A rebuild gives the same documents and word list.
    before = {d.pk: (d.title, d.names, d.extra, d.exact) for d in CareerSearch.objects.all()}
    words = set(SearchWord.objects.values_list("word", flat=True))
    search_index.rebuild()
    after = {d.pk: (d.title, d.names, d.extra, d.exact) for d in CareerSearch.objects.all()}
    assert after == before
    assert set(SearchWord.objects.values_list("word", flat=True)) == words


def test_the_document_holds_the_title_head_names_and_skills():
    doc = CareerSearch.objects.get(career__slug="paralegal")
    assert doc.title == "paralegal legal assistant"
    assert doc.head == "paralegal assistant"  # each part of “Paralegal / Legal Assistant”
    assert "|litigation paralegal|" in doc.exact
    assert "legal research" in doc.extra
    assert CareerSearch.objects.get(career__slug="it-manager").head == "manager"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("registred", "registered", 1),
        ("electrision", "electrician", 2),
        ("dcotor", "doctor", 1),  # two letters swapped: one edit
        ("nurse", "nurse", 0),
        ("nurse", "purses", 2),
        ("abcdef", "uvwxyz", 3),  # more than the limit: limit + 1
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, 2) == distance


def test_trigram_similarity_is_pg_trgms():
    # SELECT similarity('nurse', 'nurce') on PostgreSQL with pg_trgm: 0.33333334.
    assert trigram_similarity("nurse", "nurce") == pytest.approx(3 / 9)
    assert trigram_similarity("word", "word") == 1.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity('electrision', 'electrician')")
            found = cursor.fetchone()[0]
        assert found == pytest.approx(trigram_similarity("electrision", "electrician"))
