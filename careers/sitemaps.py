from django.urls import reverse

from careers.models import Career
from publishing.sitemaps import SiteSitemap


class CareerSitemap(SiteSitemap):
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
