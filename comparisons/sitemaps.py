from django.db.models.functions import Greatest

from comparisons.models import Comparison, comparison_url
from publishing.sitemaps import SiteSitemap


class ComparisonSitemap(SiteSitemap):
    """Published curated comparisons only, at their canonical (stored-order) URLs."""

    def _queryset(self):
        return Comparison.objects.published().annotate(
            changed=Greatest("updated_at", "career_a__updated_at", "career_b__updated_at")
        )

    def items(self):
        return self._queryset().order_by("pk").values("career_a__slug", "career_b__slug", "changed")

    def location(self, item):
        return comparison_url(item["career_a__slug"], item["career_b__slug"])

    def lastmod(self, item):
        return item["changed"]

    def get_latest_lastmod(self):
        return self._queryset().order_by("-changed").values_list("changed", flat=True).first()
