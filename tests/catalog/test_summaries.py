"""
The guides' opening sentences are our own words (issue 23): none opens as the BLS
Occupational Outlook Handbook's “What they do” does, nor shares a run of six or more words
with its opening. The fragments below are the Handbook's first words for these
occupations (public domain, quoted only to test against).
"""

import json
import re
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "catalog.json"

OOH_OPENINGS = {
    "accountant-auditor": "Accountants and auditors prepare and examine financial records",
    "civil-engineer": "Civil engineers plan, design, and supervise the construction",
    "electrician": "Electricians install, maintain, and repair electrical power",
    "plumber": "Plumbers, pipefitters, and steamfitters install and repair piping systems",
    "electrical-engineer": "Electrical and electronics engineers design, develop, test",
    "web-developer": "Web developers create and maintain websites",
    "market-research-analyst": "Market research analysts study market conditions",
    "high-school-teacher": "High school teachers teach academic lessons",
    "computer-systems-analyst": "Computer systems analysts, sometimes called systems architects",
    "graphic-designer": "Graphic designers create visual concepts",
    "computer-network-architect": "Computer network architects design and build data communication",
}
RUN = 6  # words in a row shared with the Handbook: never this many


def words(text):
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text, length):
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


@pytest.fixture(scope="module")
def summaries():
    return {c["slug"]: c["summary"] for c in json.loads(CATALOG.read_text())["careers"]}


def shared_opening(one, other):
    count = 0
    for a, b in zip(words(one), words(other), strict=False):
        if a != b:
            break
        count += 1
    return count


@pytest.mark.parametrize(("slug", "opening"), sorted(OOH_OPENINGS.items()))
def test_a_guide_does_not_open_with_the_handbooks_words(summaries, slug, opening):
    summary = summaries[slug]
    # The job's name may match; the verb after it may not ("Electricians install, …").
    assert shared_opening(summary, opening) < 5, summary
    assert not runs(summary, RUN) & runs(opening, RUN), summary


def test_the_checks_find_the_openings_the_guides_used_to_have():
    before = "Electricians install, maintain, and repair the wiring, panels, lighting, and controls"
    assert shared_opening(before, OOH_OPENINGS["electrician"]) == 5
    copied = "Accountants and auditors prepare and examine financial records for firms."
    assert runs(copied, RUN) & runs(OOH_OPENINGS["accountant-auditor"], RUN)
