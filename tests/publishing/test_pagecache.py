"""The anonymous page cache: headers, revalidation, invalidation on save, no mix-ups."""

import pytest

from careers.models import Career

pytestmark = pytest.mark.usefixtures("catalog")

GUIDE = "/careers/software-developer/"


def test_public_page_headers_allow_shared_caching(client):
    response = client.get(GUIDE)
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    # Browsers revalidate every visit (a 304 when nothing changed); a CDN keeps a minute.
    assert {"public", "max-age=0", "must-revalidate", "s-maxage=60"} <= cache_control
    assert "HX-Request" in response["Vary"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_second_visit_is_served_from_the_cache(client, django_assert_num_queries):
    client.get(GUIDE)
    with django_assert_num_queries(0):  # no database at all on a hit
        response = client.get(GUIDE)
    assert response.status_code == 200
    assert b"Software Developer" in response.content


def test_cached_pages_are_kept_compressed_and_served_whole(client, rf):
    """The page cache holds many pages per process: each is kept compressed, and a hit
    gives back the same bytes and headers as the render."""
    from django.core.cache import cache
    from django.http import QueryDict

    from publishing.pagecache import page_key

    first = client.get(GUIDE)
    entry = cache.get(page_key(rf.get(GUIDE), QueryDict(), fragment=False))
    assert entry is not None and len(entry.body) * 2 < len(first.content)
    second = client.get(GUIDE)
    assert second.content == first.content
    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert second[header] == first[header]


def test_conditional_request_answers_304_without_rendering(client, django_assert_num_queries):
    etag = client.get(GUIDE)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(GUIDE, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    last_modified = client.get(GUIDE)["Last-Modified"]
    response = client.get(GUIDE, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304


def test_a_save_is_on_the_site_at_the_next_request(client, django_capture_on_commit_callbacks):
    old = client.get(GUIDE)
    career = Career.objects.get(slug="software-developer")
    career.typical_hours = "Four-day weeks are common"
    with django_capture_on_commit_callbacks(execute=True):
        career.save()
    new = client.get(GUIDE)
    assert b"Four-day weeks are common" in new.content
    assert new["ETag"] != old["ETag"]
    assert client.get(GUIDE, headers={"If-None-Match": old["ETag"]}).status_code == 200


def test_htmx_fragments_and_full_pages_never_mix(client):
    fragment = client.get("/careers/?sort=pay", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert b'id="results"' in fragment.content
    full = client.get("/careers/?sort=pay")
    assert b"<html" in full.content
    assert fragment["ETag"] != full["ETag"]


def test_editors_bypass_the_cache_and_get_private_responses(client, editor_client):
    client.get(GUIDE)  # cached for the public
    response = editor_client.get(GUIDE)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_drafts_are_404_for_the_public_and_bannered_for_editors(
    client, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Career.objects.filter(slug="actuary").update(is_published=False)
    assert client.get("/careers/actuary/").status_code == 404
    response = admin_client.get("/careers/actuary/")
    assert response.status_code == 200
    assert "Draft — not public" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex,nofollow">' in response.content.decode()
    # The draft never entered the public cache.
    assert client.get("/careers/actuary/").status_code == 404


def test_a_response_the_view_marks_private_stays_private(rf, django_assert_num_queries):
    from django.http import HttpResponse

    from publishing.pagecache import private, public_page

    calls = []

    def view(request):
        calls.append(1)
        return private(HttpResponse("for one visitor only"))

    page = public_page(view)
    for _ in range(2):
        response = page(rf.get("/somewhere/"))
        assert "public" not in response["Cache-Control"]
        assert "ETag" not in response
    assert len(calls) == 2, "never served from the page cache"


# -- Issue 11: a cache that cannot be abused or turned against the site -------------------


def test_parameters_a_page_does_not_use_are_served_from_the_cached_page(
    client, django_assert_num_queries
):
    first = client.get(GUIDE)
    for junk in [
        "?utm_source=a1",
        "?utm_source=a2&x=1",
        "?" + "&".join(f"k{i}=v" for i in range(50)),
    ]:
        with django_assert_num_queries(0):
            response = client.get(GUIDE + junk)
        assert response.status_code == 200
        assert response["ETag"] == first["ETag"]


def cache_entries():
    """How many keys the cache holds (local memory, or the test Redis database)."""
    from django.core.cache import cache

    backend = cache._cache
    return len(backend) if isinstance(backend, dict) else backend.get_client().dbsize()


def test_random_query_strings_add_no_cache_entries(client):
    client.get(GUIDE)
    client.get("/careers/")
    entries = cache_entries()
    for i in range(100):
        client.get(f"{GUIDE}?utm_campaign={i}")
        client.get(f"/careers/?category=made-up-{i}")  # looks valid, is not a category
        client.get(f"/careers/?page={i + 40}&junk={i}")  # out of range: the last page
    assert cache_entries() == entries


def test_understood_parameters_are_normalised(client, django_assert_num_queries):
    client.get("/careers/?sort=pay&category=healthcare")
    with django_assert_num_queries(0):
        response = client.get("/careers/?category=HEALTHCARE&sort=pay&foo=1")
    assert response.status_code == 200
    assert "Healthcare careers" in response.content.decode()


def test_a_forged_session_cookie_is_served_from_the_cache(client, django_assert_num_queries):
    client.get(GUIDE)
    client.cookies["sessionid"] = "garbage-that-matches-no-session"
    with django_assert_num_queries(0):
        response = client.get(GUIDE)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_a_forged_editor_cookie_is_ignored(client, django_assert_num_queries):
    client.get(GUIDE)
    client.cookies["editor"] = "1:forged:signature"
    with django_assert_num_queries(0):
        response = client.get(GUIDE)
    assert "public" in response["Cache-Control"]


def test_conditional_requests_get_304_only_for_pages_that_exist(client):
    etag = client.get(GUIDE)["ETag"]
    assert (
        client.get("/careers/no-such-career/", headers={"If-None-Match": etag}).status_code == 404
    )
    assert client.get("/nowhere/", headers={"If-None-Match": etag}).status_code == 404
    assert client.get(GUIDE, headers={"If-None-Match": etag}).status_code == 304


def test_an_htmx_history_restore_gets_the_full_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get("/careers/?sort=pay", headers=headers)
    assert b"<html" in response.content
    fragment = client.get("/careers/?sort=pay", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    # A shared cache holding the fragment must not answer a history restore with it.
    assert {"HX-Request", "HX-History-Restore-Request"} <= {
        name.strip() for name in response["Vary"].split(",")
    }
    assert response["ETag"] != fragment["ETag"]


def test_the_version_is_bumped_once_per_transaction(django_capture_on_commit_callbacks):
    from django.db import transaction

    from publishing.models import ContentVersion

    before = ContentVersion.read().number
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for career in Career.objects.all()[:5]:
                career.save()
    assert len(callbacks) == 1
    assert ContentVersion.read().number == before + 1


def test_a_rolled_back_transaction_does_not_bump(django_capture_on_commit_callbacks):
    from django.db import transaction

    from publishing.models import ContentVersion

    before = ContentVersion.read().number
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                Career.objects.first().save()
                raise RuntimeError("the import failed")
        except RuntimeError:
            pass
        with transaction.atomic():
            Career.objects.first().save()  # a later transaction still bumps
    assert len(callbacks) == 1
    assert ContentVersion.read().number == before + 1


def test_versions_never_repeat_and_last_modified_never_goes_back(monkeypatch):
    import datetime

    from django.utils import timezone

    from publishing.models import ContentVersion

    first = ContentVersion.advance()
    past = first.changed_at - datetime.timedelta(days=30)
    monkeypatch.setattr(timezone, "now", lambda: past)  # the clock was set back
    second = ContentVersion.advance()
    assert second.number > first.number
    assert second.token != first.token
    assert second.changed_at > first.changed_at


def test_a_database_outage_still_serves_cached_pages_and_503s_the_rest(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    cached = client.get(GUIDE)

    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
        again = client.get(GUIDE)
        other = client.get("/careers/actuary/")
    assert again.status_code == 200
    assert again.content == cached.content
    assert other.status_code == 503
    assert other["Retry-After"] == "30"
    assert "Back in a moment" in other.content.decode()
    assert "no-store" in other["Cache-Control"]


def test_a_failed_render_serves_the_last_copy_of_the_page(client, monkeypatch):
    """Stale if error: after an edit, a page whose re-render fails keeps its old copy."""
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    from publishing import versions

    old = client.get(GUIDE)
    versions.bump()  # content changed: the cached copy is now stale

    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
        response = client.get(GUIDE)
    assert response.status_code == 200
    assert response.content == old.content
    assert "stale" in response["Warning"]


def test_search_results_are_not_stored(client):
    client.get(GUIDE)
    entries = cache_entries()
    for i in range(20):
        assert client.get(f"/search/?q=nurse{i}").status_code == 200
        assert client.get(f"/compare/suggest/?a=dev{i}").status_code == 200
    assert cache_entries() == entries


def test_bumpcontentversion_makes_every_cached_page_stale(client):
    from io import StringIO

    from django.core.management import call_command

    before = client.get(GUIDE)["ETag"]
    call_command("bumpcontentversion", stdout=StringIO())
    assert client.get(GUIDE)["ETag"] != before


def test_prepareserve_loads_nothing_unchanged_and_serves_no_page_cached_before(client):
    """What `make serve` runs before gunicorn, in one process: nothing to migrate or load
    on an unchanged database, yet the pages cached by the previous run are not served."""
    from io import StringIO

    from django.core.management import call_command

    client.get(GUIDE)
    assert client.get(GUIDE)["X-Cache"] == "hit"
    out = StringIO()
    call_command("prepareserve", stdout=out)
    assert "The catalogue is already loaded: nothing changed." in out.getvalue()
    assert client.get(GUIDE)["X-Cache"] == "miss"


# -- Issue 25: what the cache did, in X-Cache ---------------------------------------------


def test_x_cache_tells_a_miss_then_hits_and_a_304_hit(client):
    first = client.get(GUIDE)
    assert first["X-Cache"] == "miss"
    second = client.get(GUIDE)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    not_modified = client.get(GUIDE, headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["X-Cache"] == "hit"


def test_x_cache_is_a_miss_again_after_a_save_of_the_page(
    client, django_capture_on_commit_callbacks
):
    client.get(GUIDE)
    career = Career.objects.get(slug="software-developer")
    career.typical_hours = "Mostly mornings"
    with django_capture_on_commit_callbacks(execute=True):
        career.save()
    response = client.get(GUIDE)
    assert response["X-Cache"] == "miss"
    assert b"Mostly mornings" in response.content
    assert client.get(GUIDE)["X-Cache"] == "hit"


def test_x_cache_tells_a_stale_copy(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    from publishing import versions

    client.get(GUIDE)
    versions.bump()

    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
        response = client.get(GUIDE)
    assert response.status_code == 200
    assert response["X-Cache"] == "stale"


def test_x_cache_on_every_public_page_even_those_never_stored(client):
    for url in ["/", "/careers/", "/compare/", "/sitemap.xml", "/search/?q=nurse"]:
        assert client.get(url)["X-Cache"] == "miss", url
    assert client.get("/careers/")["X-Cache"] == "hit"
    assert client.get("/search/?q=nurse")["X-Cache"] == "miss", "searches are not stored"


def test_no_x_cache_on_editors_admin_or_private_responses(client, editor_client, rf):
    from django.http import HttpResponse

    from publishing.pagecache import PageCacheMiddleware, private

    client.get(GUIDE)  # cached for the public
    assert "X-Cache" not in editor_client.get(GUIDE)
    assert "X-Cache" not in editor_client.get("/admin/")
    assert "X-Cache" not in client.get("/admin/login/")
    answered = PageCacheMiddleware(lambda request: private(HttpResponse("mine")))(
        rf.get("/careers/")
    )
    assert "X-Cache" not in answered
