"""
Sitemaps: an index of per-section sitemaps, absolute URLs on DJANGO_SITE_URL, items
read from values querysets so 50,000-URL pages stay light.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from careers.models import ContentVersion
from qoollege.seo import absolute


class SiteSitemap(Sitemap):
    limit = 50_000

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(SiteSitemap):
    def items(self):
        return ["home", "careers:index", "comparisons:index", "about-data"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        # These pages list content: they change whenever any content changes.
        if not hasattr(self, "_changed_at"):
            self._changed_at = ContentVersion.current()[1]
        return self._changed_at


@x_robots_tag
@require_safe
def index(request, sitemaps):
    items = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        location = absolute(reverse("sitemap-section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(location, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            items.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
