"""Where you can go from here: /careers/<slug>/moves/ ranks O*NET neighbours without one
large gap, with pay (national or a state's), outlook, education step, licences and skills."""

from types import SimpleNamespace

import pytest

from careers.models import Career
from comparisons.moves import (
    EDUCATION_JUMP,
    EDUCATION_PENALTY,
    EXPERIENCE_PENALTY,
    GAP_IMPORTANT,
    MAX_GAP,
    blocking_gap,
    education_penalty,
    experience_step,
    find_moves,
    origin_career,
    supervises_other_work,
)
from occupations.models import OnetProfile
from occupations.onet import Profile, profile_of
from tests.html import find, find_all, jsonld, links, meta, parse, parse_errors, text

pytestmark = pytest.mark.usefixtures("catalog")


def moves_from(slug, state=None, filters=()):
    return find_moves(origin_career(slug, state), state, set(filters))


def titles(found):
    return [move.career.title for move in found.moves]


def test_nurse_moves_include_practitioner_and_practical_nurse_and_no_programmer():
    found = moves_from("registered-nurse")
    shown = titles(found)
    assert "Nurse Practitioner" in shown
    assert "Licensed Practical Nurse" in shown
    assert "Software Developer" not in shown
    # Most alike first, less the education penalty.
    scores = [move.rank_score for move in found.moves]
    assert scores == sorted(scores, reverse=True)


def test_a_medical_degree_away_is_listed_behind_comparable_moves(monkeypatch):
    monkeypatch.setattr("comparisons.moves.MOVES_SHOWN", 10_000)  # every move, to place them
    moves = moves_from("registered-nurse").moves
    by_title = {move.career.title: move for move in moves}
    top = [move.career.title for move in moves[:8]]
    # A bachelor's degree to a doctoral or professional one: two of BLS's categories up.
    doctors = [m for m in moves if m.career.entry_education == "doctoral"]
    assert doctors, "physicians share much of a nurse's profile"
    for move in doctors:
        assert move.demoted and move.penalty == EDUCATION_PENALTY
        assert move.education_text == "higher: doctoral or professional degree"
        assert move.rank_score == pytest.approx(move.similarity - EDUCATION_PENALTY)
        assert move.career.title not in top
    # A master's degree is one category up: no penalty, so the nursing moves lead.
    assert {"Nurse Practitioner", "Nurse Anesthetist", "Licensed Practical Nurse"} <= set(top)
    assert not by_title["Nurse Practitioner"].demoted
    # Still listed: a physician the shape of whose work is close stays on the page.
    assert any(m.similarity > by_title["Nurse Practitioner"].similarity for m in doctors)


def test_later_candidates_are_read_while_they_could_outrank_a_demoted_move(monkeypatch):
    from types import SimpleNamespace

    from comparisons.moves import settled

    monkeypatch.setattr("comparisons.moves.MOVES_SHOWN", 2)

    def move(score):
        return SimpleNamespace(rank_score=score, career=SimpleNamespace(title=str(score)))

    assert not settled([move(0.9)], 0.5)  # too few yet
    assert settled([move(0.9), move(0.8)], 0.8)  # nothing later can rank above 0.8
    # The second is a demoted 0.85 (0.75 to rank): a later 0.8 would come before it.
    assert not settled([move(0.9), move(0.75)], 0.8)


def test_education_penalty_grows_with_every_two_categories_up():
    assert education_penalty(None) == 0 and education_penalty(-3) == 0
    assert education_penalty(EDUCATION_JUMP - 1) == 0  # bachelor's to master's
    assert education_penalty(EDUCATION_JUMP) == pytest.approx(EDUCATION_PENALTY)
    assert education_penalty(EDUCATION_JUMP + 1) == pytest.approx(EDUCATION_PENALTY)
    assert education_penalty(2 * EDUCATION_JUMP) == pytest.approx(2 * EDUCATION_PENALTY)
    # A practical nurse's step to a registered nurse (postsecondary award to bachelor's)
    # costs less than the step to a nurse midwife (to a master's).
    lpn = {m.career.title: m for m in moves_from("licensed-practical-nurse").moves}
    assert lpn["Registered Nurse"].penalty < lpn["Nurse Midwife"].penalty
    assert list(lpn).index("Registered Nurse") < list(lpn).index("Nurse Midwife")


def test_software_developer_moves_are_computing_jobs_not_nursing():
    shown = titles(moves_from("software-developer"))
    assert shown, "a software developer has moves"
    assert not [title for title in shown if "Nurs" in title]
    assert any("Computer" in title or "Programmer" in title for title in shown)


def test_no_move_has_a_gap_over_the_threshold_and_left_out_ones_do():
    origin = origin_career("registered-nurse")
    found = find_moves(origin)
    mine = profile_of(origin)
    for move in found.moves:
        theirs = profile_of(move.career)
        for rating in theirs:
            if rating.importance >= GAP_IMPORTANT:
                assert rating.importance - mine[rating.element_id].importance < MAX_GAP
    for _career, gap in found.left_out:
        assert gap.target.importance >= GAP_IMPORTANT
        assert gap.gap >= MAX_GAP - 0.01


def test_blocking_gap_rule_on_made_up_profiles():
    def profile(values):
        return Profile(
            "00-0000",
            [
                {"id": f"e{i}", "name": f"E{i}", "kind": "skill", "importance": v}
                for i, v in enumerate(values)
            ],
        )

    origin = profile([2.0, 3.0, 1.0])
    assert blocking_gap(origin, profile([3.5, 3.0, 1.0])) is not None  # 1.5 up, important
    assert blocking_gap(origin, profile([3.4, 3.0, 1.0])) is None  # 1.4 up: a step
    assert blocking_gap(origin, profile([2.0, 3.0, 3.4])) is None  # 2.4 up, not important
    worst = blocking_gap(origin, profile([3.6, 3.0, 4.0]))
    assert worst.name == "E2" and worst.gap == pytest.approx(3.0)


def test_filters_keep_only_matching_moves():
    every = moves_from("registered-nurse")
    more = moves_from("registered-nurse", filters=["pays_more"])
    assert more.moves and len(more.moves) < len(every.moves)
    assert all(m.pay.outcome == "more" and m.pay.target > m.pay.origin for m in more.moves)
    same_school = moves_from("registered-nurse", filters=["no_more_school"])
    assert all(m.education_step in ("same", "lower") for m in same_school.moves)
    assert "Nurse Practitioner" not in titles(same_school)  # a master's degree
    growing = moves_from("registered-nurse", filters=["growing"])
    assert all(m.career.growth_pct > 0 for m in growing.moves)


def test_a_filter_says_how_many_moves_it_left_out_for_want_of_a_figure(client, monkeypatch):
    monkeypatch.setattr("comparisons.moves.MOVES_SHOWN", 10_000)  # every move, to count them
    every = moves_from("registered-nurse", "wyoming")
    unpaid = sum(move.pay.outcome == "missing" for move in every.moves)
    assert unpaid, "some nurse moves have no published median in Wyoming"
    found = moves_from("registered-nurse", "wyoming", {"pays_more"})
    assert found.no_figure == {"pays_more": unpaid}
    assert len(found.moves) == sum(move.pay.outcome == "more" for move in every.moves)
    monkeypatch.undo()
    said = text(
        find(
            parse(client.get("/careers/registered-nurse/moves/?state=wyoming&pays_more=1")),
            "p",
            class_="no-figure",
        )
    )
    assert said == (
        f"{unpaid} moves are left out by “pays more” for want of a published median in "
        "Wyoming to compare."
    )
    # Nothing dropped for want of a figure, nothing said.
    plain = parse(client.get("/careers/registered-nurse/moves/?state=wyoming"))
    assert not [p for p in find_all(plain, "p") if p.get("class") == "no-figure"]


def test_education_step_and_licences_are_named():
    by_title = {m.career.title: m for m in moves_from("registered-nurse").moves}
    np = by_title["Nurse Practitioner"]
    assert np.education_step == "higher"
    assert np.education_text == "higher: master's degree"
    lpn = by_title["Licensed Practical Nurse"]
    assert lpn.education_step == "lower"
    for move in by_title.values():
        if move.career.has_guide:
            assert move.licences is not None
        else:
            assert move.licences is None  # “not covered yet”


def test_page_shows_each_move_with_its_figures_and_comparison_link(client):
    response = client.get("/careers/registered-nurse/moves/")
    assert response.status_code == 200
    tree = parse(response)
    assert len(find_all(tree, "h1")) == 1
    cards = [li for li in find_all(tree, "li") if li.get("class") == "move-card"]
    assert cards
    first = text(cards[0])
    for label in ("Median pay change", "Outlook", "Openings a year", "Entry education"):
        assert label in first
    hrefs = links(tree)
    assert any(h.startswith("/compare/") and "registered-nurse" in h for h in hrefs)
    page = text(find(tree, "body"))
    assert f"at least {GAP_IMPORTANT} of 5" in page and f"at least {MAX_GAP} points" in page
    assert f"{EDUCATION_JUMP} or more of BLS's levels above" in page
    assert f"{EDUCATION_PENALTY} less alike for every {EDUCATION_JUMP} levels up" in page
    assert f"it is listed as if it were {EXPERIENCE_PENALTY} less alike" in page
    # A demoted move says so beside its education step.
    doctor = [c for c in cards if "doctoral or professional degree" in text(c)]
    assert doctor and all("(listed lower for it)" in text(c) for c in doctor)
    assert "not covered yet" in page  # a move to a page without a guide
    head = meta(tree)
    assert head["canonical"].endswith("/careers/registered-nurse/moves/")
    assert "noindex" not in (head.get("robots") or "")


def test_comparison_links_resolve_without_a_redirect(client):
    tree = parse(client.get("/careers/electrician/moves/"))
    compare = [h for h in links(tree) if h.startswith("/compare/") and h.count("-vs-") == 1]
    assert compare
    assert client.get(compare[0]).status_code == 200


def test_state_choice_shows_that_states_pay_and_stays_canonical_to_the_plain_page(client):
    found = moves_from("electrician", state="texas")
    assert found.state_name == "Texas"
    origin = origin_career("electrician", "texas")
    assert found.origin_pay == origin.state_median != origin.salary_median
    response = client.get("/careers/electrician/moves/?state=texas")
    tree = parse(response)
    assert "pay in Texas" in text(find(tree, "body"))
    assert meta(tree)["canonical"].endswith("/careers/electrician/moves/")
    selected = [o for o in find_all(tree, "option") if o.get("selected") is not None]
    assert [o.get("value") for o in selected] == ["texas"]


@pytest.mark.parametrize("value", ["narnia", "x" * 500, "%00", "TEXAS'--", ""])
def test_bad_state_gives_the_plain_page(client, value):
    response = client.get("/careers/electrician/moves/", {"state": value})
    assert response.status_code == 200
    assert "pay in" not in text(find(parse(response), "h2", id="moves-h"))


@pytest.mark.parametrize("filters", [{"pays_more": "yes"}, {"growing": "2"}])
def test_bad_filter_values_are_ignored(client, filters):
    assert client.get("/careers/electrician/moves/", filters).status_code == 200


def test_unknown_slug_and_career_without_profile_404(client):
    assert client.get("/careers/no-such-career/moves/").status_code == 404
    no_profile = Career.objects.published().exclude(
        soc_code__in=OnetProfile.objects.values("soc_code")
    )
    slug = no_profile.values_list("slug", flat=True).first()
    assert slug
    assert client.get(f"/careers/{slug}/moves/").status_code == 404
    # The guide of such a career does not link to a moves page.
    assert f"/careers/{slug}/moves/" not in links(parse(client.get(f"/careers/{slug}/")))


def test_a_career_whose_neighbours_are_none_says_so():
    """Auto damage appraisers (13-1032) have an O*NET profile but no other occupation
    alike enough: the page says no move meets the rules (it crashed once, found by the
    crawl)."""
    origin = Career.objects.get(soc_code="13-1032")
    found = find_moves(origin)
    assert found.moves == [] and found.candidates == 0


def test_a_page_with_no_move_answers_200_and_says_so(client):
    response = client.get(f"/careers/{Career.objects.get(soc_code='13-1032').slug}/moves/")
    assert response.status_code == 200
    assert "No move meets the rules below" in response.content.decode()


def test_guides_and_data_pages_link_to_their_moves(client):
    for slug in ("registered-nurse", "nurse-practitioner"):
        assert f"/careers/{slug}/moves/" in links(parse(client.get(f"/careers/{slug}/")))
    no_guide = Career.objects.published().filter(has_guide=False, soc_code="47-2152").first()
    if no_guide is not None:
        path = f"/careers/{no_guide.slug}/moves/"
        assert path in links(parse(client.get(no_guide.get_absolute_url())))


@pytest.mark.parametrize("query", ["", "?state=texas&pays_more=1&growing=1&no_more_school=1"])
def test_page_query_budget(client, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(8):
        response = client.get("/careers/registered-nurse/moves/" + query)
    assert response.status_code == 200


def test_sitemap_lists_moves_pages_of_profiled_careers(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-moves.xml" in index
    body = client.get("/sitemap-moves.xml").content.decode()
    assert "/careers/registered-nurse/moves/</loc>" in body
    assert "/careers/devops-engineer/moves/" not in body  # no SOC code, no profile
    assert "?state=" not in body


def test_about_data_states_the_moves_thresholds(client):
    page = text(find(parse(client.get("/about/data/")), "body"))
    assert "Where you can go from a career" in page
    assert f"at least {GAP_IMPORTANT} (important) and at least {MAX_GAP} points" in page
    assert f"{EDUCATION_PENALTY} less alike for every {EDUCATION_JUMP} levels up" in page
    assert f"ranked as if it were {EXPERIENCE_PENALTY} less alike, with the step named" in page


def test_electrician_moves_are_trades_an_adviser_would_name():
    shown = titles(moves_from("electrician"))
    assert {"Millwright", "HVAC Technician"} <= set(shown)
    assert not [t for t in shown if "Nurs" in t or "Accountant" in t or "Developer" in t]


def test_page_is_valid_html_with_parsable_structured_data(client):
    response = client.get("/careers/electrician/moves/?state=texas&growing=1")
    assert parse_errors(response) == []
    data = jsonld(parse(response))
    pages = [item for item in data if item["@type"] == "CollectionPage"]
    assert pages and pages[0]["mainEntity"]["itemListElement"]
    assert len(response.content) <= 60_000


def test_experience_step_rule_on_made_up_careers():
    def job(experience):
        return SimpleNamespace(title="Welder", work_experience=experience)

    assert experience_step(job("none"), job("none")) == ("none", "none asked")
    assert experience_step(job("none"), job("")) == ("unknown", "not stated by BLS")
    step, words = experience_step(job("none"), job("5-years-plus"))
    assert step == "more" and words.startswith("5 years or more in a related job: a step")
    step, words = experience_step(job("5-years-plus"), job("under-5-years"))
    assert step == "covered" and "covered" in words
    step, words = experience_step(job("under-5-years"), job("under-5-years"))
    assert step == "covered" and words.endswith("the same as for Welder")
    assert experience_step(job("under-5-years"), job("5-years-plus"))[0] == "more"
    assert experience_step(job(""), job("under-5-years"))[0] == "more"


def test_electrician_moves_name_the_experience_step_and_school_filter_ignores_it(client):
    origin = origin_career("electrician")
    assert origin.work_experience == "none"
    every = find_moves(origin)
    asking = [
        m for m in every.moves if m.career.work_experience in ("under-5-years", "5-years-plus")
    ]
    assert asking, "some electrician moves ask for related work experience"
    for move in every.moves:
        expected = "more" if move in asking else "none"
        assert move.experience_step == expected, move.career.title
    # “No more schooling” is about education: a move asking years of experience but no
    # more schooling stays in.
    same_school = find_moves(origin, filters={"no_more_school"})
    kept = [m for m in same_school.moves if m.experience_step == "more"]
    assert kept and all(m.education_step in ("same", "lower") for m in kept)

    cards = [
        li
        for li in find_all(parse(client.get("/careers/electrician/moves/")), "li")
        if li.get("class") == "move-card"
    ]
    shown = {}
    for card in cards:
        (dd,) = [dd for dd in find_all(card, "dd") if dd.get("class", "").startswith("experience")]
        shown[text(find(card, "h3")).split(" · ")[0]] = (dd.get("class"), text(dd))
    for move in asking:
        years = {"5-years-plus": "5 years or more", "under-5-years": "less than 5 years"}
        assert shown[move.career.title] == (
            "experience-more",
            f"{years[move.career.work_experience]} in a related job: a step "
            "(for Electrician: none)",
        )
    assert shown["Millwright"] == ("experience-none", "none asked")


@pytest.mark.parametrize("first", [5, 40])
@pytest.mark.parametrize("filters", [(), ("pays_more", "growing")])
def test_reading_the_candidates_in_chunks_gives_the_same_moves(monkeypatch, filters, first):
    """Ratings are read for the most alike first and for the rest only when needed: the
    moves are those a full read gives, whatever the size of the first chunk."""
    from comparisons import moves

    def shown(found):
        return [(m.career.slug, m.pay.text, m.licences, m.url) for m in found.moves]

    monkeypatch.setattr(moves, "SCAN_FIRST", 1000)
    everything = moves_from("registered-nurse", filters=filters)
    monkeypatch.setattr(moves, "SCAN_FIRST", first)
    chunked = moves_from("registered-nurse", filters=filters)
    if first == 40 and not filters:  # 25 moves among the first 40: the rest is not read
        assert chunked.candidates == 40 < everything.candidates
    assert shown(chunked) == shown(everything) and chunked.moves
    assert {c.slug for c, _ in chunked.left_out} <= {c.slug for c, _ in everything.left_out}


def test_supervising_work_never_done_is_listed_lower_with_the_reason(client, monkeypatch):
    def job(soc):
        return SimpleNamespace(soc_code=soc)

    # A first-line supervisor's related occupation is the work supervised.
    assert supervises_other_work(job("29-2061"), job("33-1011"))  # LPN → corrections
    assert not supervises_other_work(job("33-3012"), job("33-1011"))  # an officer → theirs
    assert not supervises_other_work(job("29-2061"), job("29-1141"))  # 29-1: practitioners
    assert not supervises_other_work(job("29-1141"), job("11-9111"))  # managers: any field

    monkeypatch.setattr("comparisons.moves.MOVES_SHOWN", 10_000)
    from_nursing = {m.career.slug: m for m in moves_from("licensed-practical-nurse").moves}
    supervisor = from_nursing["correctional-officer-supervisor"]
    assert supervisor.experience_step == "more" and supervisor.experience_demoted
    assert supervisor.rank_score == pytest.approx(supervisor.similarity - EXPERIENCE_PENALTY)
    alike = [m for m in from_nursing.values() if m.rank_score > supervisor.rank_score]
    assert any(m.similarity < supervisor.similarity for m in alike)  # others now come first
    # From the work it supervises, the same years are the next step up, not a detour.
    from_corrections = moves_from("correctional-officer").moves
    assert from_corrections[0].career.slug == "correctional-officer-supervisor"
    assert not from_corrections[0].experience_demoted

    page = text(find(parse(client.get("/careers/licensed-practical-nurse/moves/")), "main"))
    assert "usually years as one of the workers supervised (listed lower for it)" in page
    assert "supervising work you have not done, ranks lower" in page
