"""Whatever an editor types renders as text: <script> in every text field stays inert."""

import pytest

from careers.models import Career, Category, Skill, Workplace
from comparisons.models import Comparison

pytestmark = pytest.mark.usefixtures("catalog")

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>" onmouseover="alert(2)'
SHORT = '<script>alert("x")</script>'  # for names, which are at most 80 characters
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def poisoned(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        career = Career.objects.get(slug="electrician")
        for name in (
            "summary",
            "typical_hours",
            "why_it_matters",
            "day_to_day",
            "figures_note",
        ):
            setattr(career, name, f"Text {PAYLOAD} more text")
        career.title = f"Electrician {PAYLOAD}"
        career.common_titles = f"Sparky {PAYLOAD}\nWireman"
        career.save()
        Category.objects.filter(pk=career.category_id).update(name=f"Trades {SHORT}")
        skill = career.skill_links.first().skill
        Skill.objects.filter(pk=skill.pk).update(name=f"Wiring {SHORT}")
        place = career.workplace_links.first().workplace
        Workplace.objects.filter(pk=place.pk).update(name=f"sites {SHORT}")
        route = career.education_routes.first()
        route.text = f"Route {PAYLOAD}"
        route.save()
        item = career.day_items.first()
        item.activity = f"Activity {PAYLOAD}"
        item.save()
        source = career.sources.first()
        source.title = f"Source {PAYLOAD}"
        source.save()
        comparison = Comparison.objects.get(career_a=career, career_b__slug="plumber")
        comparison.intro = f"Intro {PAYLOAD}"
        comparison.save()
    return career


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/careers/",
        "/careers/?category=construction-and-extraction",
        "/careers/electrician/",
        "/compare/",
        "/compare/electrician-vs-plumber/",
        "/compare/electrician-vs-lawyer/",
        "/careers/plumber/",
        "/search/?q=electrician",
        "/compare/suggest/?a=electrician",
    ],
)
def test_script_in_every_text_field_is_inert(client, poisoned, path):
    body = client.get(path).content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert '" onmouseover="alert(2)' not in body
    assert ESCAPED in body, "the text is shown, escaped"


def test_the_admin_escapes_it_too(admin_client, poisoned):
    body = admin_client.get(f"/admin/careers/career/{poisoned.pk}/change/").content.decode()
    assert "<script>alert" not in body
    body = admin_client.get(f"/admin/careers/career/{poisoned.pk}/history/").content.decode()
    assert "<script>alert" not in body
