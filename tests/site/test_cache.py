"""The anonymous page cache: headers, revalidation, invalidation on save, no mix-ups."""

import pytest

from careers.models import Career

pytestmark = pytest.mark.usefixtures("catalog")

GUIDE = "/careers/software-developer/"


def test_public_page_headers_allow_shared_caching(client):
    response = client.get(GUIDE)
    assert response["ETag"].startswith('"v')
    assert response["Last-Modified"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300", "s-maxage=600", "stale-while-revalidate=86400"} <= (
        cache_control
    )
    assert "HX-Request" in response["Vary"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_second_visit_is_served_from_the_cache(client, django_assert_num_queries):
    client.get(GUIDE)
    with django_assert_num_queries(1):  # the content version only
        response = client.get(GUIDE)
    assert response.status_code == 200
    assert b"Software Developer" in response.content


def test_conditional_request_answers_304_without_rendering(client, django_assert_num_queries):
    etag = client.get(GUIDE)["ETag"]
    with django_assert_num_queries(1):
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


def test_editors_bypass_the_cache_and_get_private_responses(admin_client):
    response = admin_client.get(GUIDE)
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

    from qoollege.cache import private, public_page

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
