"""Static files as `make serve` serves them: hashed names, immutable, brotli and gzip."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.conftest import MANIFEST_STATIC

# Files on disk only: the same on every database and cache.
pytestmark = pytest.mark.backend_independent


def test_hashed_static_files_are_immutable_and_precompressed(collected_static):
    css = next(collected_static.glob("css/site.*.css"))
    assert re.fullmatch(r"site\.[0-9a-f]{12}\.css", css.name)
    assert css.with_name(css.name + ".br").exists()
    assert css.with_name(css.name + ".gz").exists()
    with override_settings(STATIC_ROOT=collected_static, STORAGES=MANIFEST_STATIC, DEBUG=False):
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
        request = RequestFactory().get(
            f"/static/css/{css.name}", headers={"Accept-Encoding": "br, gzip"}
        )
        response = middleware(request)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


def test_the_default_link_preview_image_exists(collected_static):
    image = next(collected_static.glob("img/og-default.*.png"))
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
