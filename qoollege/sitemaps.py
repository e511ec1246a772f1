"""The sitemap registry: the project's own pages, then each app's section."""

import datetime

from django.urls import reverse

from careers.sitemaps import CareerSitemap, StatePaySitemap
from comparisons.sitemaps import ComparisonSitemap, MovesSitemap
from publishing import versions
from publishing.sitemaps import SiteSitemap


class PagesSitemap(SiteSitemap):
    page_tags = (versions.ANY,)  # dated by the content version: any change moves them

    def items(self):
        return ["home", "careers:index", "comparisons:index", "fit:fit", "about-data"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        # These pages list content: they change whenever any content changes.
        version = versions.current()
        if version is None:
            return None
        return datetime.datetime.fromtimestamp(version.changed_at, tz=datetime.UTC)


SITEMAPS = {
    "pages": PagesSitemap,
    "careers": CareerSitemap,
    "career-pay": StatePaySitemap,
    "comparisons": ComparisonSitemap,
    "moves": MovesSitemap,
}
