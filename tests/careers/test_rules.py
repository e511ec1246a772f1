"""
Each rule of a career's parts lives once (careers.rules): the admin's career form, the
catalogue loader and restoring a version refuse the same bad parts with the same words.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers import rules, versions
from careers.models import Career, Skill
from catalog.loader import dump_catalog, validate
from tests.admin_forms import current_form_data

pytestmark = pytest.mark.usefixtures("catalog")

SLUG = "electrician"


def thirteen_skills():
    """One more than the limit, none of them the career's now (a row already saved is
    refused as a duplicate until the form that deletes it is saved)."""
    others = Skill.objects.exclude(career_links__career__slug=SLUG).order_by("name")
    return list(others[: rules.MAX_TOP_SKILLS + 1])


# Each case breaks one rule, given three ways: the admin's inline rows (prefix and
# fields), the catalogue record's key and value, and the parts of a version.
CASES = {
    "thirteen top skills": lambda: {
        "admin": (
            "skill_links",
            [{"position": str(i), "skill": str(s.pk)} for i, s in enumerate(thirteen_skills())],
        ),
        "catalogue": ("skills", [skill.name for skill in thirteen_skills()]),
        "version": (
            "skills",
            [
                {"skill": s.pk, "name": s.name, "position": i}
                for i, s in enumerate(thirteen_skills())
            ],
        ),
    },
    "the day out of order": lambda: {
        "admin": (
            "day_items",
            [{"time": "09:00", "activity": "Site visit"}, {"time": "08:00", "activity": "Plan"}],
        ),
        "catalogue": (
            "day",
            [{"time": "09:00", "activity": "Site visit"}, {"time": "08:00", "activity": "Plan"}],
        ),
        "version": (
            "day",
            [
                {"time": "09:00:00", "activity": "Site visit"},
                {"time": "08:00:00", "activity": "Plan"},
            ],
        ),
    },
    "an other name twice": lambda: {
        "admin": ("aliases", [{"name": "Sparky"}, {"name": "sparky"}]),
        "catalogue": ("aliases", ["Sparky", "sparky"]),
        "version": ("aliases", [{"name": "Sparky"}, {"name": "sparky"}]),
    },
    "an education route twice": lambda: {
        "admin": (
            "education_routes",
            [
                {"position": "0", "text": "Apprenticeship"},
                {"position": "1", "text": "apprenticeship"},
            ],
        ),
        "catalogue": ("education_routes", ["Apprenticeship", "apprenticeship"]),
        "version": (
            "routes",
            [{"text": "Apprenticeship", "position": 0}, {"text": "apprenticeship", "position": 1}],
        ),
    },
}


def refused_by_the_admin(client, prefix, rows):
    """The career form posted with `rows` as the only kept rows of one inline."""
    career = Career.objects.get(slug=SLUG)
    url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(client, url)
    initial = int(data[f"{prefix}-INITIAL_FORMS"])
    for index in range(initial):
        data[f"{prefix}-{index}-DELETE"] = "on"
    for index, row in enumerate(rows, start=initial):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    data[f"{prefix}-TOTAL_FORMS"] = str(initial + len(rows))
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, nothing saved
    (inline,) = [i for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix]
    assert not inline.is_collapsible  # a folded inline would hide why the form came back
    return list(inline.formset.non_form_errors())


def the_careers_record():
    """A catalogue file holding the career's record alone, as dumpcatalog writes it."""
    data = dump_catalog()
    (record,) = [c for c in data["careers"] if c["slug"] == SLUG]
    data["careers"], data["comparisons"] = [record], []
    return data, record


def refused_by_the_loader(key, value):
    data, record = the_careers_record()
    record[key] = value
    return problems_of(validate(data))


def problems_of(problems):
    """The loader's problems with the career's record, without the place it names."""
    where = f"careers[0] ({SLUG}): "
    return [problem.removeprefix(where) for problem in problems if problem.startswith(where)]


def refused_by_restore(key, items):
    career = Career.objects.get(slug=SLUG)
    parts = versions.snapshot_parts(career)
    parts[key] = items
    user = get_user_model().objects.get(username="admin")
    with pytest.raises(ValidationError) as refused:
        versions.apply_version(career, versions.fields_of_record(career), parts, user, "Test")
    return refused.value.messages


@pytest.mark.parametrize("case", CASES)
def test_the_admin_the_loader_and_restore_refuse_bad_parts_in_the_same_words(admin_client, case):
    given = CASES[case]()
    before = versions.snapshot_parts(Career.objects.get(slug=SLUG))

    by_admin = refused_by_the_admin(admin_client, *given["admin"])
    by_loader = refused_by_the_loader(*given["catalogue"])
    by_restore = refused_by_restore(*given["version"])

    key, items = given["version"]
    expected = rules.part_problems({key: items})
    assert len(expected) == 1  # one rule broken, in plain words
    assert by_admin == by_loader == by_restore == expected
    assert versions.snapshot_parts(Career.objects.get(slug=SLUG)) == before  # nothing saved


def test_good_parts_break_no_rule():
    career = Career.objects.get(slug=SLUG)
    assert rules.part_problems(versions.snapshot_parts(career)) == []
    assert validate(the_careers_record()[0]) == []


def test_the_skill_limit_is_the_one_constant():
    skills = [{"name": f"Skill {i}"} for i in range(rules.MAX_TOP_SKILLS)]
    assert rules.part_problems({"skills": skills}) == []
    skills.append({"name": "One more"})
    assert rules.part_problems({"skills": skills}) == [
        f"List at most {rules.MAX_TOP_SKILLS} top skills ({rules.MAX_TOP_SKILLS + 1} given): "
        "keep the ones that matter most."
    ]
