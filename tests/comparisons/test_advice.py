"""
Switching advice on the shipped catalogue: the examples the advice used to get wrong
(issue 12) and the rules it follows (comparisons/advice.py).
"""

import pytest

from careers.models import Career
from comparisons.advice import BRING_MIN, BUILD_GAP, BUILD_MIN, switch

pytestmark = pytest.mark.usefixtures("catalog")


def move(origin, target):
    found = {
        c.slug: c
        for c in Career.objects.with_parts().with_profile().filter(slug__in=[origin, target])
    }
    return switch(found[origin], found[target])


def step_texts(advice, *kinds):
    return [step.text for step in advice.steps if not kinds or step.kind in kinds]


def test_devops_to_mlops_matches_skill_names_not_text():
    advice = move("devops-engineer", "mlops-engineer")
    # Cloud ≡ Cloud Platforms, Automation ≡ CI/CD Automation, Problem-solving ≡ Problem
    # Solving, and DevOps is the DevOps engineer's own field.
    assert advice.tools_kept == ["Coding", "Cloud", "Automation", "DevOps", "Problem-solving"]
    assert advice.tools_new == []
    assert not advice.profiled
    assert "neither career has an official occupation code" in advice.fallback


def test_a_software_developer_already_codes():
    advice = move("software-developer", "devops-engineer")
    assert "Coding" in advice.tools_kept  # the developer lists Programming
    assert "Problem Solving" in advice.tools_kept  # O*NET rates it important for developers
    assert "Coding" not in advice.tools_new
    assert "DevOps Engineer has no official occupation code" in advice.fallback


def test_a_nurse_practitioner_already_holds_the_rn_licence():
    advice = move("nurse-practitioner", "registered-nurse")
    assert advice.qualified
    assert advice.summary == "You already hold the licence this career requires."
    assert step_texts(advice, "held") == [
        "Already yours: the Accredited nursing programme (ADN or BSN) and the Registered nurse "
        "(RN) licence."
    ]
    assert not advice.new_qualifications


def test_electrician_and_plumber_name_the_licence_and_the_apprenticeship():
    for origin, target, licence in [
        ("electrician", "plumber", "State or local plumbing licence"),
        ("plumber", "electrician", "State or local electrician licence"),
    ]:
        advice = move(origin, target)
        assert licence in advice.summary
        assert "apprenticeship" in advice.summary
        assert "No new" not in advice.summary
        training = step_texts(advice, "training")
        assert training and "does not usually count toward it" in training[0]


def test_teacher_to_nurse_needs_the_nursing_programme_at_the_same_degree_level():
    advice = move("high-school-teacher", "registered-nurse")
    assert advice.summary == (
        "What it takes: Accredited nursing programme (ADN or BSN); Registered nurse (RN) licence."
    )
    texts = step_texts(advice)
    assert texts[0] == (
        "Both usually start with a bachelor's degree, but the licence for Registered Nurse "
        "asks for its own programme (below), which your degree does not include."
    )


def test_nurse_to_dental_hygienist_needs_the_hygienist_licence_though_the_degree_is_lower():
    advice = move("registered-nurse", "dental-hygienist")
    assert "State dental hygienist licence" in advice.summary
    assert "Dental hygiene programme accredited by CODA" in advice.summary
    assert step_texts(advice)[0] == (
        "Your usual entry level (bachelor's degree) is higher than what Dental Hygienist "
        "usually starts with (associate's degree), but it does not count toward the licence: "
        "that asks for its own programme (below)."
    )


def test_nurse_practitioner_and_physician_assistant_licences_differ():
    to_pa = move("nurse-practitioner", "physician-assistant")
    assert to_pa.summary == (
        "What it takes: Master's programme accredited by ARC-PA; Physician Assistant National "
        "Certifying Examination (PANCE); State physician assistant licence."
    )
    to_np = move("physician-assistant", "nurse-practitioner")
    assert "Registered nurse (RN) licence" in to_np.summary
    assert "State APRN licence as a nurse practitioner" in to_np.summary


def test_project_manager_to_it_manager_states_the_experience():
    advice = move("project-management-specialist", "it-manager")
    assert advice.summary == "What it takes: related work experience (5 years or more, BLS)."
    assert step_texts(advice, "experience") == [
        "BLS lists work experience in a related occupation for entry as an IT Manager "
        "(Computer & Information Systems Manager): 5 years or more."
    ]


def test_a_higher_entry_education_is_a_step():
    advice = move("computer-user-support-specialist", "computer-network-support-specialist")
    assert advice.summary == "What it takes: an associate's degree."


def test_what_you_bring_and_what_to_build_follow_the_ratings():
    advice = move("registered-nurse", "nurse-practitioner")
    assert advice.profiled and advice.bring and advice.build
    for item in advice.bring:
        assert item.origin.importance >= BRING_MIN and item.target.importance >= BRING_MIN
    gaps = [item.gap for item in advice.build]
    assert gaps == sorted(gaps, reverse=True)
    for item in advice.build:
        assert item.target.importance >= BUILD_MIN and item.gap >= BUILD_GAP
    # O*NET-rated names are left to the ratings; the editors' tools remain.
    assert "Critical Thinking" not in advice.tools_kept + advice.tools_new
    assert "Differential Diagnosis" in advice.tools_new


def test_every_direction_of_every_curated_pair_has_something_to_say(client):
    from comparisons.builder import build_comparison
    from comparisons.models import Comparison

    for comparison in Comparison.objects.published().select_related("career_a", "career_b"):
        found = {
            c.pk: c
            for c in Career.objects.with_parts()
            .with_profile()
            .filter(pk__in=[comparison.career_a_id, comparison.career_b_id])
        }
        page = build_comparison(found[comparison.career_a_id], found[comparison.career_b_id])
        for advice in page.switches:
            assert advice.summary
            if advice.profiled:
                assert advice.bring, f"{advice.origin} → {advice.target} keeps nothing"
            else:
                # The editors' lists can simply not overlap; the page then says what it
                # compared rather than inventing common ground.
                assert advice.fallback


def test_the_page_shows_both_ratings_in_words(client):
    body = client.get("/compare/registered-nurse-vs-nurse-practitioner/").content.decode()
    assert "What you bring" in body and "What to build" in body
    assert "very important as Nurse Practitioner (3.8), important as Registered Nurse (2.9)" in body


def rated(importance):
    from occupations.onet import Rating

    return Rating("2.B.1.a", "Social Perceptiveness", "skill", importance)


def test_bring_names_each_sides_own_word_when_they_differ():
    from comparisons.advice import RatedPair

    pair = RatedPair(origin=rated(4.4), target=rated(4.7))
    text = pair.bring_text("Accountant", "Auditor")
    assert text == "very important as Accountant (4.4), extremely important as Auditor (4.7)"
    assert "at least" not in text


def test_bring_says_in_both_only_when_the_words_agree():
    from comparisons.advice import RatedPair

    pair = RatedPair(origin=rated(3.6), target=rated(4.2))
    assert pair.bring_text("Accountant", "Auditor") == "very important in both (3.6 and 4.2 of 5)"


def test_build_uses_the_numbers_when_both_sides_read_alike():
    from comparisons.advice import RatedPair

    pair = RatedPair(origin=rated(3.5), target=rated(4.4))
    text = pair.build_text("Accountant", "Auditor")
    assert text == "rated 4.4 as Auditor against 3.5 as Accountant (of 5)"
    assert "very important" not in text


def test_build_names_both_words_when_they_differ():
    from comparisons.advice import RatedPair

    pair = RatedPair(origin=rated(2.9), target=rated(3.8))
    assert pair.build_text("Registered Nurse", "Nurse Practitioner") == (
        "very important as Nurse Practitioner (3.8), important as Registered Nurse (2.9)"
    )


def test_no_curated_page_gives_both_sides_of_a_gap_the_same_word():
    from comparisons.builder import build_comparison
    from comparisons.models import Comparison

    checked = 0
    for comparison in Comparison.objects.published().select_related("career_a", "career_b"):
        found = {
            c.pk: c
            for c in Career.objects.with_parts()
            .with_profile()
            .filter(pk__in=[comparison.career_a_id, comparison.career_b_id])
        }
        page = build_comparison(found[comparison.career_a_id], found[comparison.career_b_id])
        for advice in page.switches:
            for item, (_, text) in zip(advice.build, advice.build_lines, strict=True):
                checked += 1
                if item.origin.words == item.target.words:
                    assert text.startswith("rated ") and item.origin.words not in text, text
                else:
                    assert text.startswith(item.target.words + " as "), text
            for item, (_, text) in zip(advice.bring, advice.bring_lines, strict=True):
                assert "at least" not in text
                assert (" in both " in text) == (item.origin.words == item.target.words), text
    assert checked > 100
