"""Skill names are matched by key: normalised spelling plus a small alias table."""

import pytest

from careers.skills import SKILL_ALIASES, own_field_key, skill_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Problem-solving", "Problem Solving"),
        ("Problem Solving", "Complex Problem Solving"),
        ("Coding", "Programming"),
        ("Cloud", "Cloud Platforms"),
        ("cloud computing", "Cloud Platforms"),
        ("CI/CD Automation", "Automation"),
        ("HTML & CSS", "HTML and CSS"),
        ("Café Management", "cafe management"),
    ],
)
def test_names_of_one_skill_share_a_key(first, second):
    assert skill_key(first) == skill_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Cloud Platforms", "Networking"),
        ("Programming", "PLC Programming"),
        ("Automation", "Test Automation"),
        ("Critical Thinking", "Complex Problem Solving"),
    ],
)
def test_different_skills_keep_different_keys(first, second):
    assert skill_key(first) != skill_key(second)


def test_every_alias_points_at_a_key_that_is_not_itself_an_alias():
    for alias, key in SKILL_ALIASES.items():
        assert skill_key(alias) == key
        assert key not in SKILL_ALIASES


def test_a_skill_named_after_the_job_is_the_jobs_own():
    assert own_field_key("DevOps Engineer") == skill_key("DevOps")
    assert own_field_key("MLOps Engineer") == "mlops"
    assert own_field_key("Electrician") == ""


@pytest.mark.django_db
def test_saved_skills_carry_their_key():
    from careers.models import Skill

    assert Skill.objects.create(name="Problem-solving (team)").match_name == "problem solving team"
    assert Skill.objects.create(name="Cloud computing").match_name == "cloud platforms"
