from django.db.models import Max, Q
from django.urls import reverse
from django.utils.functional import cached_property

from careers.models import SAVED_TAG, Career
from occupations.figures import TOP_CODED
from occupations.models import AreaKind, AreaWage, WageRelease
from publishing.sitemaps import SiteSitemap


class CareerSitemap(SiteSitemap):
    page_tags = (SAVED_TAG,)  # every save moves a career's date

    def summary_queryset(self):
        return Career.objects.published()

    def items(self):
        return Career.objects.published().order_by("pk").values("slug", "updated_at")

    def location(self, item):
        return reverse("careers:detail", kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["updated_at"]

    def get_latest_lastmod(self):
        return (
            Career.objects.published()
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
        )


class StatePaySitemap(SiteSitemap):
    """A published career's pay in each state where BLS published its median: at 5,000
    careers × 54 states, 270,000 URLs in pages of 50,000 (the index lists every page).
    Rows are read by SOC code; a SOC code shared by two careers is listed for the first."""

    page_tags = (SAVED_TAG,)

    def _rows(self):
        socs = Career.objects.published().exclude(soc_code="").values("soc_code")
        return AreaWage.objects.filter(
            Q(annual_median__isnull=False) | Q(footnotes__annual_median=TOP_CODED),
            area__kind=AreaKind.STATE,
            soc__in=socs,
        )

    @cached_property
    def careers(self):
        found = {}
        rows = (
            Career.objects.published()
            .exclude(soc_code="")
            .order_by("-pk")
            .values_list("soc_code", "slug", "updated_at")
        )
        for soc, slug, updated_at in rows:
            found[soc] = (slug, updated_at)  # the lowest pk wins
        return found

    def items(self):
        return self._rows().order_by("pk").values("soc", "area__slug", "release__loaded_at")

    def location(self, item):
        slug = self.careers[item["soc"]][0]
        return reverse("careers:state-pay", kwargs={"slug": slug, "state": item["area__slug"]})

    def lastmod(self, item):
        return max(self.careers[item["soc"]][1], item["release__loaded_at"])

    def get_latest_lastmod(self):
        career = (
            Career.objects.published()
            .exclude(soc_code="")
            .aggregate(latest=Max("updated_at"))["latest"]
        )
        release = WageRelease.objects.aggregate(latest=Max("loaded_at"))["latest"]
        return max((d for d in (career, release) if d is not None), default=None)
