"""
The guides' opening sentences are our own words (issue 23): none opens as the BLS
Occupational Outlook Handbook's “What they do” does, nor shares a run of six or more words
with its opening. The fragments below are the Handbook's first words for these
occupations (public domain, quoted only to test against).

What this can and cannot detect: the Handbook's text is not stored here, so the checks
hold only the openings quoted below. For those, a guide's summary and the first sentence
of its day-to-day text may name the occupation as the Handbook does but not go on with
the Handbook's verb (“Software developers design …”), and share no run of six words with
it. A sentence copied from further into the Handbook would not be caught.
"""

import json
import re
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "catalog.json"

OOH_OPENINGS = {
    "accountant-auditor": "Accountants and auditors | prepare and examine financial records",
    "civil-engineer": "Civil engineers | plan, design, and supervise the construction",
    "electrician": "Electricians | install, maintain, and repair electrical power",
    "plumber": "Plumbers, pipefitters, and steamfitters | install and repair piping systems",
    "electrical-engineer": "Electrical and electronics engineers | design, develop, test",
    "web-developer": "Web developers | create and maintain websites",
    "market-research-analyst": "Market research analysts | study market conditions",
    "high-school-teacher": "High school teachers | teach academic lessons",
    "computer-systems-analyst": "Computer systems analysts, sometimes called systems architects",
    "graphic-designer": "Graphic designers | create visual concepts",
    "computer-network-architect": (
        "Computer network architects | design and build data communication"
    ),
    "actuary": "Actuaries | use mathematics, statistics, and financial theory to analyze",
    "computer-programmer": "Computer programmers | write, modify, and test code and scripts",
    "computer-research-scientist": (
        "Computer and information research scientists | design innovative uses for new and "
        "existing computing technology"
    ),
    "data-scientist": "Data scientists | use analytical tools and techniques to extract",
    "dental-hygienist": "Dental hygienists | examine patients for signs of oral diseases",
    "information-security-analyst": "Information security analysts | plan and carry out security",
    "lawyer": "Lawyers | advise and represent individuals, businesses, and government agencies",
    "mechanical-engineer": "Mechanical engineers | research, design, develop, build, and test",
    "network-systems-administrator": (
        "Network and computer systems administrators | are responsible for the day-to-day operation"
    ),
    "operations-research-analyst": (
        "Operations research analysts | use advanced mathematical and analytical methods"
    ),
    "pharmacist": "Pharmacists | dispense prescription medications to patients",
    "physical-therapist": "Physical therapists | help injured or ill people improve movement",
    "project-management-specialist": "Project management specialists | coordinate the budget",
    "registered-nurse": "Registered nurses | provide and coordinate patient care",
    "software-developer": "Software developers | design computer applications or programs",
    "technical-writer": "Technical writers | prepare instruction manuals, how-to guides",
}
RUN = 6  # words in a row shared with the Handbook: never this many


def words(text):
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text, length):
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


@pytest.fixture(scope="module")
def guides():
    return {c["slug"]: c for c in json.loads(CATALOG.read_text())["careers"]}


@pytest.fixture(scope="module")
def summaries(guides):
    return {slug: guide["summary"] for slug, guide in guides.items()}


def name_and_verb(opening):
    """(the Handbook's words for the occupation, the verb it goes on with), from the “|”
    the table puts between them; None where the opening has no verb."""
    if "|" not in opening:
        return None
    name, rest = opening.split("|")
    return words(name), words(rest)[0]


def text_of(opening):
    return opening.replace("| ", "")


def first_sentence(text):
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def shared_opening(one, other):
    count = 0
    for a, b in zip(words(one), words(other), strict=False):
        if a != b:
            break
        count += 1
    return count


@pytest.mark.parametrize(("slug", "opening"), sorted(OOH_OPENINGS.items()))
def test_a_guide_does_not_open_with_the_handbooks_words(summaries, slug, opening):
    summary, opening = summaries[slug], text_of(opening)
    # The job's name may match; the verb after it may not ("Electricians install, …").
    assert shared_opening(summary, opening) < 5 or name_and_verb(opening) is None, summary
    assert not runs(summary, RUN) & runs(opening, RUN), summary


@pytest.mark.parametrize(("slug", "opening"), sorted(OOH_OPENINGS.items()))
def test_a_guide_does_not_go_on_with_the_handbooks_verb(guides, slug, opening):
    """The summary and the day-to-day text's first sentence may name the occupation as the
    Handbook does, but the word after the name is never the Handbook's verb."""
    named = name_and_verb(opening)
    for text in (guides[slug]["summary"], first_sentence(guides[slug]["day_to_day"])):
        found = words(text)
        if named and found[: len(named[0])] == named[0]:
            assert found[len(named[0])] != named[1], text
        assert not runs(text, RUN) & runs(text_of(opening), RUN), text


def test_the_checks_find_the_openings_the_guides_used_to_have():
    before = "Electricians install, maintain, and repair the wiring, panels, lighting, and controls"
    assert shared_opening(before, text_of(OOH_OPENINGS["electrician"])) == 5
    copied = "Accountants and auditors prepare and examine financial records for firms."
    assert runs(copied, RUN) & runs(text_of(OOH_OPENINGS["accountant-auditor"]), RUN)
    # The verb check: the developers' old opening went on with the Handbook's verb.
    name, verb = name_and_verb(OOH_OPENINGS["software-developer"])
    assert (name, verb) == (["software", "developers"], "design")
    before = words("Software developers design, build, and maintain the applications")
    assert before[: len(name)] == name and before[len(name)] == verb
    name, verb = name_and_verb(OOH_OPENINGS["network-systems-administrator"])
    assert verb == "are" and len(name) == 5
    assert name_and_verb(OOH_OPENINGS["computer-systems-analyst"]) is None
