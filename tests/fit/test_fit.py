"""What fits you: /fit/ ranks occupations by how their O*NET profiles match the answers to
our statements, says why, and filters by education, pay floor and state."""

import time

import pytest

from careers.models import Career
from fit.forms import parse_pay
from fit.ranking import (
    DECLINE_PENALTY,
    DISLIKE_MAX_RATING,
    FIT_TOLERANCE,
    LIKE_MIN_RATING,
    RESULTS_SHOWN,
    STEEP_DECLINE_PCT,
    candidates,
    find_fits,
    ranking_score,
    statement_scores,
)
from fit.statements import BY_KEY, SCALE, STATEMENTS, WEIGHTS
from occupations.models import AreaWage, OnetProfile
from occupations.onet import Profile
from occupations.scales import EntryEducation
from tests.html import find, find_all, meta, parse, parse_errors, text

pytestmark = pytest.mark.usefixtures("catalog")

# A person who likes hands-on repair and building work and would rather avoid desk work.
HANDS_ON = {
    "fix": "5",
    "circuits": "4",
    "build": "5",
    "active": "4",
    "inspect": "4",
    "paperwork": "1",
    "persuade": "1",
    "write": "1",
    "code": "2",
}
# A person who likes caring for and teaching people and would rather avoid machines.
CARING = {
    "care": "5",
    "teach": "4",
    "public": "4",
    "science": "4",
    "machines": "1",
    "drive": "1",
    "persuade": "2",
}
TOP = 10
QUERY_BUDGET = 10
HTML_BUDGET = 50 * 1024


def weights(answers):
    return {key: WEIGHTS[value] for key, value in answers.items()}


def major(fit):
    return fit.career.soc_code[:2]


def cards(tree):
    return [li for li in find_all(tree, "li") if li.get("class") == "move-card"]


def test_statements_are_ours_and_map_to_known_onet_elements():
    elements = {item["id"]: item["name"] for item in OnetProfile.objects.first().ratings}
    assert 15 <= len(STATEMENTS) <= 20
    assert len(BY_KEY) == len(STATEMENTS)
    for statement in STATEMENTS:
        assert statement.elements and set(statement.elements) <= set(elements), statement.key
        # Our own words: no statement is an O*NET element name.
        assert statement.text not in elements.values()
    assert [answer.weight for answer in SCALE] == [-2, -1, 0, 1, 2]


def test_statement_scores_follow_a_new_load_of_the_profiles():
    before = statement_scores.current()
    mechanic = OnetProfile.objects.get(soc_code="49-3023")
    fix = [s.key for s in STATEMENTS].index("fix")
    assert before["49-3023"][fix] > 1
    # A load replaces the rows (new ids): here, one profile rated nothing for repairs.
    mechanic.delete()
    mechanic.pk = None
    mechanic.standard_scores = [-1.0] * len(mechanic.standard_scores)
    mechanic.save()
    assert statement_scores.current()["49-3023"][fix] == -1.0


def test_hands_on_repair_answers_rank_trades_and_repair_first():
    found = find_fits(weights(HANDS_ON))
    top = found.results[:TOP]
    assert len(found.results) == RESULTS_SHOWN
    trades = [fit for fit in top if major(fit) in ("47", "49")]
    assert len(trades) >= 7, [f.career.title for f in top]
    assert "49" in {major(fit) for fit in found.results[:3]}
    scores = [fit.rank_score for fit in found.results]
    assert scores == sorted(scores, reverse=True)


def test_a_steeply_shrinking_job_does_not_outrank_a_comparable_fit():
    found = find_fits(weights(HANDS_ON))
    steep = [fit for fit in found.results if fit.career.growth_pct < -STEEP_DECLINE_PCT]
    # By fit alone, one of them would be in the top 5 (the mine roof bolter: −34 %).
    by_fit = sorted(found.results, key=lambda fit: -fit.score)[:5]
    assert [fit for fit in by_fit if fit in steep], [f.career.title for f in by_fit]
    # With the outlook: none in the top 5 unless its fit is better by more than the
    # tolerance than every job that is not shrinking steeply below it.
    for place, fit in enumerate(found.results):
        if fit not in steep:
            continue
        assert fit.lowered
        below = [other for other in found.results[place + 1 :] if other not in steep]
        assert all(fit.score - other.score > FIT_TOLERANCE for other in below)
        if place < 5:
            assert below and fit.score - below[0].score > FIT_TOLERANCE
    assert not [fit for fit in found.results[:5] if fit in steep]
    # The trades still lead.
    assert sum(major(fit) in ("47", "49") for fit in found.results[:5]) >= 4


def test_ranking_score_rule():
    assert ranking_score(1.0, 5) == 1.0
    assert ranking_score(1.0, -STEEP_DECLINE_PCT) == 1.0  # exactly the threshold: no penalty
    assert ranking_score(1.0, -STEEP_DECLINE_PCT - 0.1) == pytest.approx(1.0 - DECLINE_PENALTY)
    # A clearly better fit still leads; a comparable one does not.
    assert ranking_score(1.0 + FIT_TOLERANCE + 0.01, -30) > ranking_score(1.0, 2)
    assert ranking_score(1.0 + FIT_TOLERANCE - 0.01, -30) < ranking_score(1.0, 2)


def test_caring_answers_rank_health_care_and_teaching_first():
    top = find_fits(weights(CARING)).results[:TOP]
    care = [fit for fit in top if major(fit) in ("29", "31", "21", "25", "39")]
    assert len(care) >= 8, [f.career.title for f in top]
    assert not [fit for fit in top if major(fit) in ("47", "49", "51", "53")]


def test_reasons_cite_the_profiles_own_ratings_and_the_answers():
    found = find_fits(weights(HANDS_ON))
    for fit in found.results:
        assert 2 <= len(fit.reasons) <= 3, fit.career.title
        profile = Profile(
            fit.career.soc_code,
            OnetProfile.objects.get(soc_code=fit.career.soc_code).ratings,
        )
        for reason in fit.reasons:
            rating = profile[reason.rating.element_id]
            assert reason.rating.element_id in reason.statement.elements
            assert reason.rating.shown in reason.text and rating.name in reason.text
            assert reason.rating.importance == rating.importance
            # The cited element is the statement's highest-rated one for this job.
            others = [profile[e].importance for e in reason.statement.elements]
            assert rating.importance == max(others)
            answer = HANDS_ON[reason.statement.key]
            if reason.liked:
                assert WEIGHTS[answer] > 0 and float(rating.shown) >= LIKE_MIN_RATING
                assert reason.text.startswith(f"You like {reason.statement.phrase}")
            else:
                assert WEIGHTS[answer] < 0 and float(rating.shown) < DISLIKE_MAX_RATING
        # What you like comes before what you would rather avoid.
        liked = [reason.liked for reason in fit.reasons]
        assert liked == sorted(liked, reverse=True)
    mechanic = next(fit for fit in found.results if fit.reasons[0].statement.key == "fix")
    assert "Repairing" in mechanic.reasons[0].text


def test_education_filter_leaves_out_jobs_that_start_higher():
    every = find_fits(weights(CARING))
    assert any(fit.career.entry_education == EntryEducation.DOCTORAL for fit in every.results)
    limited = find_fits(weights(CARING), education=EntryEducation.HIGH_SCHOOL)
    allowed = {EntryEducation.NONE, EntryEducation.HIGH_SCHOOL, ""}
    assert limited.results
    assert {fit.career.entry_education for fit in limited.results} <= allowed
    assert limited.considered < every.considered


def test_state_changes_pay_and_pay_floor_leaves_out_lower_medians():
    national = find_fits(weights(HANDS_ON))
    in_texas = find_fits(weights(HANDS_ON), state="texas")
    assert in_texas.state_name == "Texas"
    fit = in_texas.results[0]
    stored = AreaWage.objects.get(soc=fit.career.soc_code, area__slug="texas").annual_median
    assert fit.pay == stored
    assert [f.pay for f in in_texas.results] != [f.pay for f in national.results]
    floor = 70_000
    floored = find_fits(weights(HANDS_ON), state="texas", pay_floor=floor)
    assert floored.results and floored.below_floor > 0
    assert all(f.pay is not None and f.pay >= floor for f in floored.results)


def test_the_pay_floor_says_who_it_left_out_for_want_of_a_median(client):
    scored = statement_scores.current()
    pays = [pay for _pk, soc, pay, _growth in candidates(state="wyoming") if soc in scored]
    no_pay = sum(pay is None for pay in pays)
    below = sum(pay is not None and pay < 50_000 for pay in pays)
    assert no_pay and below
    note = text(find(parse(client.get("/fit/?fix=5&state=wyoming&pay=50000")), "p", class_="note"))
    assert (
        f"; {below} left out for a median below $50,000 in Wyoming and {no_pay} for want of "
        "a published median there."
    ) in note


def test_no_answers_or_only_not_sure_rank_nothing():
    assert find_fits({}).results == []
    assert find_fits({"fix": 0, "nonsense": 2}).results == []


def test_page_shows_results_with_reasons_pay_outlook_and_education(client):
    with_state = {**HANDS_ON, "state": "ohio", "education": "high-school"}
    response = client.get("/fit/", with_state)
    assert response.status_code == 200
    tree = parse(response)
    assert parse_errors(response) == []
    assert len(find_all(tree, "h1")) == 1
    found = cards(tree)
    assert len(found) == RESULTS_SHOWN
    first = text(found[0])
    for label in ("Median pay in Ohio", "Outlook", "Entry education", "You like", "of 5"):
        assert label in first
    # Every result shows its outlook: the projected growth and its word.
    for card in found:
        (outlook,) = [
            dd
            for dt, dd in zip(find_all(card, "dt"), find_all(card, "dd"), strict=True)
            if text(dt) == "Outlook"
        ]
        words = text(outlook)
        assert " by 20" in words and ("demand" in words or "Shrinking" in words), words
    page = text(find(tree, "body"))
    assert f"lose more than {STEEP_DECLINE_PCT}% of its jobs" in page
    assert f"as if its fit were {DECLINE_PENALTY} lower" in page
    head = meta(tree)
    assert "noindex" in head["robots"]
    assert head["canonical"].endswith("/fit/")
    # The form keeps the answers: checked radios and the chosen selects.
    radios = [i for i in find_all(tree, "input") if i.get("checked") is not None]
    checked = {i.get("name"): i.get("value") for i in radios}
    assert checked == HANDS_ON
    selected = [o.get("value") for o in find_all(tree, "option") if o.get("selected") is not None]
    assert selected == ["high-school", "ohio"]


def test_empty_questionnaire_is_indexable_and_cached_results_are_not(client):
    blank = client.get("/fit/")
    assert blank.status_code == 200
    tree = parse(blank)
    assert meta(tree)["robots"] == "index,follow"
    assert not cards(tree) and find(tree, "section", id="results") is None
    assert len(find_all(tree, "fieldset")) == len(STATEMENTS)
    # Every control has a label: around it, or naming it.
    named = {label.get("for") for label in find_all(tree, "label")}
    wrapped = {id(i) for label in find_all(tree, "label") for i in find_all(label, "input")}
    form = find(tree, "form", id="answers")
    for control in find_all(form, "input") + find_all(form, "select"):
        assert id(control) in wrapped or control.get("id") in named, control.get("name")
    # The questionnaire is a public page like the others; results are never stored.
    assert "public" in blank["Cache-Control"] and blank.get("ETag")
    results = client.get("/fit/", HANDS_ON)
    assert "private" in results["Cache-Control"] and not results.get("ETag")


def test_results_are_rendered_each_time_and_the_questionnaire_from_the_cache(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    client.get("/fit/")
    with django_assert_num_queries(0):
        assert client.get("/fit/").status_code == 200
    client.get("/fit/", HANDS_ON)
    with django_assert_max_num_queries(QUERY_BUDGET) as queries:
        assert client.get("/fit/", HANDS_ON).status_code == 200
    assert len(queries) >= 3  # ranked again: nothing was stored


def test_only_not_sure_asks_for_an_answer(client):
    response = client.get("/fit/", {"fix": "3", "state": "ohio"})
    assert response.status_code == 200
    assert "Answer at least one statement" in text(find(parse(response), "body"))


@pytest.mark.parametrize(
    "query",
    [
        {"fix": "9", "build": "5"},
        {"fix": "<script>", "build": "5"},
        {"state": "narnia", "build": "5"},
        {"state": "x" * 500, "build": "5"},
        {"education": "phd", "build": "5"},
        {"pay": "", "build": "5"},
        {"pay": "$45,000", "build": "5"},
        {"pay": "45k", "build": "5"},
    ],
)
def test_unknown_values_are_ignored(client, query):
    response = client.get("/fit/", query)
    assert response.status_code == 200
    assert cards(parse(response))


@pytest.mark.parametrize(
    ("pay", "message"),
    [
        ("lots", "whole number of dollars"),
        ("99999999999", "at most $1,000,000"),
        ("<b>9</b>", "whole number of dollars"),
        ("-5", "whole number of dollars"),
    ],
)
def test_bad_pay_floor_gets_a_plain_message_not_a_500(client, pay, message):
    response = client.get("/fit/", {**HANDS_ON, "pay": pay})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "<b>9</b>" not in body  # escaped, never markup
    tree = parse(response)
    assert not cards(tree)
    field = find(tree, "input", name="pay")
    assert field.get("aria-invalid") == "true"


def test_parse_pay():
    assert parse_pay("45000") == parse_pay("$45,000") == parse_pay("45k") == 45000
    assert parse_pay(" ") is None
    with pytest.raises(ValueError):
        parse_pay("forty")


def test_query_budget_html_weight_and_render_time(client, django_assert_max_num_queries):
    query = {**HANDS_ON, "state": "texas", "education": "high-school", "pay": "40000"}
    client.get("/fit/", query)  # the process's first render reads the states' list
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get("/fit/", query)
    assert response.status_code == 200
    assert len(response.content) <= HTML_BUDGET
    times = []
    for _ in range(5):
        start = time.perf_counter()
        find_fits(weights(HANDS_ON), state="texas", education="high-school", pay_floor=40000)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.1, times


def test_careers_without_a_profile_are_never_ranked():
    found = find_fits(weights(HANDS_ON))
    profiled = set(OnetProfile.objects.values_list("soc_code", flat=True))
    assert all(fit.career.soc_code in profiled for fit in found.results)
    assert found.considered == (Career.objects.published().filter(soc_code__in=profiled).count())


def test_about_the_data_states_each_statement_and_the_rules(client):
    page = text(find(parse(client.get("/about/data/")), "body"))
    for statement in STATEMENTS:
        assert statement.text in page
    assert "Repairing and Maintaining Mechanical Equipment" in page
    assert f"at least {LIKE_MIN_RATING}" in page and f"below {DISLIKE_MAX_RATING}" in page
    assert f"shrink by more than {STEEP_DECLINE_PCT}%" in page
    assert f"as if its fit were {DECLINE_PENALTY} lower" in page
    assert f"within {FIT_TOLERANCE} of each other" in page
