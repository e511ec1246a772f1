from datetime import UTC, datetime

from django.conf import settings

from publishing import versions
from publishing.seo import SITE_NAME


def _content_updated():
    """When the site's content last changed (the pages' Last-Modified), for printouts."""
    version = versions.current()
    return datetime.fromtimestamp(version.changed_at, UTC) if version else None


def site(request):
    """
    Site-wide template values. No session access; no query for a page the page cache
    rendered (it has just read the content version, which is then kept in memory).
    """
    return {
        "site_name": SITE_NAME,
        "site_url": settings.SITE_URL,
        "content_updated": _content_updated,
    }
