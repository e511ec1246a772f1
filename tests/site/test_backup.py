"""make backup / make restore: a snapshot round-trips content, history and editors."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import timezone

from careers import search_index
from careers.models import Career, CareerDraft
from careers.search import find_careers
from catalog.loader import dump_catalog
from comparisons.models import Comparison
from occupations.models import AreaWage
from publishing.models import ContentVersion

pytestmark = pytest.mark.usefixtures("catalog")


def snapshot_state():
    return (
        dump_catalog(),
        sorted(User.objects.values_list("username", "is_staff")),
        sorted(Group.objects.values_list("name", flat=True)),
        Career.history.count(),
    )


def test_backup_then_restore_brings_everything_back(tmp_path):
    User.objects.create_user("erin", password="x-long-password-1", is_staff=True)
    # A publication scheduled for later keeps its time (one snapshot checks both: each
    # restore reloads the whole OEWS release).
    when = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    plumber = Career.objects.get(slug="plumber")
    CareerDraft.objects.create(career=plumber, data={"fields": {}, "parts": None}, publish_at=when)
    before = snapshot_state()
    path = tmp_path / "snapshot.json.gz"
    call_command("backup", str(path), stdout=StringIO())
    assert path.stat().st_size > 10_000

    # A bad day: a comparison deleted, a career edited, an editor removed, a figure of
    # the public release changed (a restore keeps the release's rows, and writes back
    # what differs from its committed files).
    wage = AreaWage.objects.filter(soc=plumber.soc_code, area__slug="texas").get()
    AreaWage.objects.filter(pk=wage.pk).update(annual_median=1)
    Comparison.objects.filter(career_a__slug="devops-engineer").delete()
    Career.objects.filter(slug="plumber").update(title="Broken")
    search_index.reindex(Career.objects.filter(slug="plumber").values_list("pk", flat=True))
    User.objects.filter(username="erin").delete()
    assert snapshot_state() != before
    assert "plumber" in [career.slug for career in find_careers("broken").careers]

    call_command("restore", str(path), "--yes", stdout=StringIO())
    assert snapshot_state() == before
    # Search finds what was restored, not what was there before.
    assert [career.slug for career in find_careers("plumber").careers][:1] == ["plumber"]
    assert "plumber" not in [career.slug for career in find_careers("broken").careers]
    assert CareerDraft.objects.get().publish_at == when
    assert AreaWage.objects.get(soc=plumber.soc_code, area__slug="texas") == wage
    assert AreaWage.objects.get(pk=wage.pk).annual_median == wage.annual_median
    assert ContentVersion.read().next_due == when


def test_a_broken_snapshot_restores_nothing(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "careers.career", "pk": 1, "fields": {"title": null}}]')
    before = dump_catalog()
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(path), "--yes", stdout=StringIO())
    assert dump_catalog() == before
