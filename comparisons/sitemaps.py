from django.db.models.functions import Greatest
from django.urls import reverse

from careers.models import SAVED_TAG, Career
from comparisons.models import Comparison, comparison_url
from occupations.models import OnetProfile
from publishing.sitemaps import SiteSitemap


class ComparisonSitemap(SiteSitemap):
    """Published curated comparisons only, at their canonical (stored-order) URLs."""

    page_tags = (SAVED_TAG,)  # dated by their careers' saves too

    def _queryset(self):
        return Comparison.objects.published().annotate(
            changed=Greatest("updated_at", "career_a__updated_at", "career_b__updated_at")
        )

    summary_lastmod = "changed"

    def summary_queryset(self):
        return self._queryset()

    def items(self):
        return self._queryset().order_by("pk").values("career_a__slug", "career_b__slug", "changed")

    def location(self, item):
        return comparison_url(item["career_a__slug"], item["career_b__slug"])

    def lastmod(self, item):
        return item["changed"]

    def get_latest_lastmod(self):
        return self._queryset().order_by("-changed").values_list("changed", flat=True).first()


class MovesSitemap(SiteSitemap):
    """The moves page of every published career with an O*NET profile (the plain page only:
    state and filter variants are canonical to it)."""

    page_tags = (SAVED_TAG,)

    def _queryset(self):
        return Career.objects.published().filter(
            soc_code__in=OnetProfile.objects.values("soc_code")
        )

    def summary_queryset(self):
        return self._queryset()

    def items(self):
        return self._queryset().order_by("pk").values("slug", "updated_at")

    def location(self, item):
        return reverse("comparisons:moves", kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["updated_at"]

    def get_latest_lastmod(self):
        return self._queryset().order_by("-updated_at").values_list("updated_at", flat=True).first()
