from django.conf import settings

from publishing.pagecache import content_updated
from publishing.seo import SITE_NAME


def site(request):
    """
    Site-wide template values. No session access; no query for a page the page cache
    rendered (it has just read the content version, which is then kept in memory).
    `content_updated`: " · updated <date>" of the site's content for printouts (filled in
    by the page cache as it serves a page it rendered; publishing.pagecache).
    """
    return {
        "site_name": SITE_NAME,
        "site_url": settings.SITE_URL,
        "content_updated": content_updated,
    }
