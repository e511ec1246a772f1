"""
Sitemaps: an index of per-section sitemaps, absolute URLs on DJANGO_SITE_URL, items
read from values querysets so 50,000-URL pages stay light. Apps define their sections
on SiteSitemap; the project's root URLconf composes them. Their pages are cached with
the lists (versions.LISTS) and the ContentTags a section names in `page_tags` (the items
are values, not models, so nothing else tells the page cache what they show).
"""

from math import ceil
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from publishing.pagecache import depends_on, public_page
from publishing.seo import absolute
from publishing.versions import LISTS


class SiteSitemap(Sitemap):
    limit = 50_000
    page_tags = ()  # ContentTags its items and dates come from, beyond versions.LISTS

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    # The field (or annotation) of summary_queryset() that dates an item.
    summary_lastmod = "updated_at"

    def summary_queryset(self):
        """A section whose items are one queryset returns it: the index then reads its newest
        change and its size in one query (an aggregate) instead of two."""
        return None

    def index_entry(self):
        """(newest lastmod, number of pages) for the sitemap index."""
        queryset = self.summary_queryset()
        if queryset is None:
            return self.get_latest_lastmod(), self.paginator.num_pages
        found = queryset.aggregate(latest=Max(self.summary_lastmod), count=Count("pk"))
        return found["latest"], max(1, ceil(found["count"] / self.limit))


@x_robots_tag
@require_safe
@public_page(depends=[LISTS])
def index(request, sitemaps):
    items = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        depends_on(*sitemap.page_tags)
        location = absolute(reverse("sitemap-section", kwargs={"section": section}))
        lastmod, pages = sitemap.index_entry()
        items.append(SitemapIndexItem(location, lastmod))
        for page in range(2, pages + 1):
            items.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


def page_token(value):
    """Django's sitemap view judges `p` itself (a bad one is its 404): keep it short."""
    value = value.strip()
    return value[:20] if value else None


@require_safe
@public_page(params={"p": page_token}, depends=[LISTS])
def section(request, sitemaps, section):
    if section in sitemaps:
        depends_on(*sitemaps[section].page_tags)
    return sitemap_views.sitemap(request, sitemaps, section)
