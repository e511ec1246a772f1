"""
Switching advice a careers counsellor would sign (issue 23): licences as the steps a
person takes, with the accredited programme each needs; no degree “meets” a licensed
job's entry; experience asked only of people whose origin does not already ask for as
much; and the credentials' levels as the licensing bodies set them.

The table holds each pair, its direction, and sentences the advice must or must not show.
"""

import html
import itertools
import re

import pytest

from careers.models import Career, Credential
from comparisons.advice import credential_steps, switch

pytestmark = pytest.mark.usefixtures("catalog")

MEETS = "meets what"
EXPERIENCE_ASK = "BLS lists work experience in a related occupation"

# (origin, target, sentences the advice must contain, sentences it must not)
CASES = [
    (
        "pharmacist",
        "nurse-practitioner",
        [
            "Accredited nursing programme (ADN or BSN): required",
            "Registered nurse (RN) licence: required, issued by State boards of nursing "
            "(NCLEX-RN exam by NCSBN).",
            "Graduate NP programme (MSN or DNP): required",
            "National nurse practitioner certification exam: required",
            "State APRN licence as a nurse practitioner: required",
            "is higher than what Nurse Practitioner usually starts with (master's degree), but "
            "it does not count toward the licence",
        ],
        [MEETS, "You already hold"],
    ),
    (
        "registered-nurse",
        "nurse-practitioner",
        [
            "Graduate NP programme (MSN or DNP): required",
            "State APRN licence as a nurse practitioner: required",
            "Already yours: the Accredited nursing programme (ADN or BSN) and the Registered "
            "nurse (RN) licence.",
        ],
        [MEETS, "Accredited nursing programme (ADN or BSN): required"],
    ),
    (
        "nurse-practitioner",
        "physician-assistant",
        [
            "Master's programme accredited by ARC-PA: required, accredited by Accreditation "
            "Review Commission on Education for the Physician Assistant (ARC-PA).",
            "Physician Assistant National Certifying Examination (PANCE): required",
        ],
        [MEETS, "Both usually start with a master's degree."],
    ),
    (
        "registered-nurse",
        "dental-hygienist",
        ["Dental hygiene programme accredited by CODA: required", "Commission on Dental"],
        [MEETS],
    ),
    (
        "pharmacist",
        "physical-therapist",
        ["Doctor of Physical Therapy (DPT) from a CAPTE-accredited programme: required"],
        [MEETS, "Both usually start with a doctoral or professional degree."],
    ),
    (
        "physical-therapist",
        "pharmacist",
        ["Doctor of Pharmacy (PharmD) from an ACPE-accredited school: required", "(NAPLEX)"],
        [MEETS],
    ),
    (
        "paralegal",
        "lawyer",
        [
            "Juris Doctor (JD) from an ABA-approved law school: usually required",
            "Bar exam and admission to a state bar: required",
        ],
        [MEETS],
    ),
    (
        "financial-analyst",
        "accountant-auditor",
        [
            "May be needed where you work: Certified Public Accountant (CPA) licence",
            "Required to sign audit opinions",
            "150 college credit hours",
        ],
        ["CPA) licence: optional"],
    ),
    (
        "mechanical-engineer",
        "civil-engineer",
        [
            "May be needed where you work: Professional Engineer (PE) licence",
            "Required to approve and seal plans",
            "NCEES",
        ],
        [],
    ),
    (
        "it-manager",
        "computer-network-architect",
        ["already asks for as much (5 years or more)"],
        [EXPERIENCE_ASK, "related work experience (5 years or more, BLS)"],
    ),
    (
        "project-management-specialist",
        "it-manager",
        [EXPERIENCE_ASK, "What it takes: related work experience (5 years or more, BLS)."],
        ["already asks for as much"],
    ),
    (
        "computer-network-architect",
        "information-security-analyst",
        ["already asks for as much (5 years or more)"],
        [EXPERIENCE_ASK],
    ),
]


def careers(*slugs):
    found = Career.objects.with_parts().with_profile().filter(slug__in=slugs)
    return {c.slug: c for c in found}


def advice_text(advice):
    return " ".join([advice.summary, *(step.text for step in advice.steps)])


@pytest.mark.parametrize(("origin", "target", "must", "must_not"), CASES)
def test_switching_says_what_the_move_takes(origin, target, must, must_not):
    found = careers(origin, target)
    text = advice_text(switch(found[origin], found[target]))
    for sentence in must:
        assert sentence in text, f"{origin} → {target}: missing “{sentence}”\n{text}"
    for sentence in must_not:
        assert sentence not in text, f"{origin} → {target}: should not say “{sentence}”\n{text}"


def test_no_degree_meets_a_licence_that_asks_for_its_own_programme():
    """Every ordered pair of guides: when the target's licence needs a programme the origin
    lacks, the advice names it as a step and never says a degree level meets the entry."""
    guides = list(Career.objects.with_parts().filter(has_guide=True, is_published=True))
    checked = 0
    for origin, target in itertools.permutations(guides, 2):
        held = {c.match_name for c in origin.credentials.all() if c.is_step}
        programmes = [
            c
            for c in target.credentials.all()
            if c.is_programme and c.is_step and c.match_name not in held
        ]
        if not programmes:
            continue
        checked += 1
        steps, _ = credential_steps(origin, target)
        texts = [step.text for step in steps]
        assert not any(MEETS in text for text in texts), (origin.slug, target.slug, texts)
        shorts = [step.short for step in steps if step.kind == "licence"]
        for programme in programmes:
            assert programme.name in shorts, (origin.slug, target.slug)
    assert checked > 300  # nine guides' licences need a programme


def test_licensed_guides_name_their_programme_and_levels_follow_the_licensing_bodies():
    expected = {
        "registered-nurse": ("Accredited nursing programme (ADN or BSN)", "required"),
        "nurse-practitioner": ("Graduate NP programme (MSN or DNP)", "required"),
        "physician-assistant": ("Master's programme accredited by ARC-PA", "required"),
        "dental-hygienist": ("Dental hygiene programme accredited by CODA", "required"),
        "physical-therapist": (
            "Doctor of Physical Therapy (DPT) from a CAPTE-accredited programme",
            "required",
        ),
        "pharmacist": ("Doctor of Pharmacy (PharmD) from an ACPE-accredited school", "required"),
        "lawyer": ("Juris Doctor (JD) from an ABA-approved law school", "usually-required"),
    }
    found = careers(*expected, "accountant-auditor", "civil-engineer", "financial-analyst")
    for slug, (name, requirement) in expected.items():
        programme = found[slug].credentials.get(name=name)
        assert programme.kind == Credential.Kind.PROGRAMME
        assert programme.requirement == requirement
        assert programme.issuer
    # Required for some jobs (the note says which), never “optional”.
    for slug, name, when in [
        ("accountant-auditor", "Certified Public Accountant (CPA) licence", "audit opinions"),
        ("civil-engineer", "Professional Engineer (PE) licence", "seal plans"),
        ("financial-analyst", "FINRA securities licence", "broker-dealer"),
    ]:
        credential = found[slug].credentials.get(name=name)
        assert credential.requirement == Credential.Requirement.SOMETIMES
        assert when in credential.note
    cpa = found["accountant-auditor"].credentials.get(name__startswith="Certified Public")
    assert "NASBA" in cpa.issuer


def quick_fact(body, label):
    item = body[body.index(f"{label}</dt>") :]
    item = item[: item.index("</div>")]
    cells = re.findall(r"<dd[^>]*>(.*?)</dd>", item)
    return [html.unescape(re.sub(r"<[^>]+>", "", dd)).strip() for dd in cells]


def switch_section(body, heading):
    """The “Switching careers” section's part for one direction, as the page reads it."""
    body = html.unescape(body[body.index('id="switching"') :])
    start = body.index(heading)
    return body[start : body.index("</section>", start)]


def test_guide_pages_name_the_programme_and_the_licensing_body(client):
    body = client.get("/careers/physician-assistant/").content.decode()
    assert "Licences, exams and programmes" in body
    assert (
        "degree or programme, accredited by Accreditation Review Commission on Education for "
        "the Physician Assistant (ARC-PA)"
    ) in body
    assert quick_fact(body, "Typical entry education") == [
        "Master's degree",
        "Master's programme accredited by ARC-PA",
    ]
    body = client.get("/careers/accountant-auditor/").content.decode()
    assert quick_fact(body, "Experience or licence") == [
        "Certified Public Accountant (CPA) licence (some jobs)"
    ]
    assert "None required" not in body
    assert "issued by State boards of accountancy (Uniform CPA Exam by AICPA, with NASBA)" in body
    body = client.get("/careers/nurse-practitioner/").content.decode()
    assert "State APRN licence as a nurse practitioner" in quick_fact(body, "Experience or licence")


def test_the_comparison_page_lists_the_nursing_steps_for_a_pharmacist(client):
    response = client.get("/compare/nurse-practitioner-vs-pharmacist/", follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    section = switch_section(body, "From Pharmacist to Nurse Practitioner")
    for step in [
        "Accredited nursing programme (ADN or BSN)",
        "Registered nurse (RN) licence: required, issued by State boards of nursing (NCLEX-RN",
        "Graduate NP programme (MSN or DNP)",
        "State APRN licence as a nurse practitioner",
    ]:
        assert step in section
    assert MEETS not in section
    section = switch_section(body, "From Nurse Practitioner to Pharmacist")
    assert "Doctor of Pharmacy (PharmD) from an ACPE-accredited school" in section
    assert MEETS not in section


def test_an_it_manager_is_not_asked_for_years_they_already_have(client):
    response = client.get("/compare/computer-network-architect-vs-it-manager/", follow=True)
    section = switch_section(
        response.content.decode(), "From IT Manager (Computer & Information Systems Manager) to"
    )
    assert "related work experience (5 years or more, BLS)" not in section
    assert "already asks for as much (5 years or more)" in section


def test_a_job_without_an_editors_list_is_never_told_a_listed_tool_is_new(client):
    """A licensed practical nurse (a page without a guide, so without an editors' list of
    tools and methods) moving to registered nurse already does medication administration
    and infection control: the RN list is shown as the RN's list, never as "new to you"."""
    page = client.get("/compare/licensed-practical-nurse-vs-registered-nurse/")
    text = " ".join(page.content.decode().split())
    switching = text[text.index('id="switching"') :]
    section = switching[switching.index("From Licensed Practical Nurse to Registered Nurse") :]
    section = section[: section.index("From Registered Nurse to")]
    assert "New to you" not in section
    assert "none of those on the Registered Nurse list" not in section
    assert "Also on the Registered Nurse list:</strong> Patient Assessment" in section
    assert "Licensed Practical Nurse has no editors' list to check them against" in section
