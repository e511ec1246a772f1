from django.conf import settings

from publishing.seo import SITE_NAME


def site(request):
    """Site-wide template values. No queries and no session access here."""
    return {"site_name": SITE_NAME, "site_url": settings.SITE_URL}
