"""Page metadata for crawlers and link previews: title, description, canonical, JSON-LD."""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SITE_NAME = "Qoollege"
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(path):
    """An absolute URL on the public site (DJANGO_SITE_URL), for canonicals and sitemaps."""
    return settings.SITE_URL + path


@dataclass
class Meta:
    title: str
    description: str
    path: str
    og_type: str = "website"
    robots: str = "index,follow"
    structured_data: list = field(default_factory=list)
    breadcrumbs: list = field(default_factory=list)  # [(name, path or None), ...]

    @property
    def full_title(self):
        return f"{self.title} | {SITE_NAME}"

    @property
    def canonical(self):
        return absolute(self.path)

    @property
    def short_description(self):
        return Truncator(" ".join(self.description.split())).chars(300)

    @property
    def image(self):
        return absolute(static("img/og-default.png"))

    @property
    def jsonld(self):
        items = list(self.structured_data)
        if self.breadcrumbs:
            items.append(breadcrumb_list(self.breadcrumbs))
        return [to_jsonld(item) for item in items]


def to_jsonld(data):
    """JSON for a <script type="application/ld+json"> element, safe against “</script>”."""
    text = json.dumps({"@context": "https://schema.org", **data}, cls=DjangoJSONEncoder)
    return mark_safe(text.translate(JSON_ESCAPES))


def breadcrumb_list(crumbs):
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                **({"item": absolute(path)} if path else {}),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def item_list(name, entries):
    """A CollectionPage's ItemList: entries are (name, path) pairs."""
    return {
        "@type": "CollectionPage",
        "name": name,
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(entries),
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": n, "url": absolute(p)}
                for i, (n, p) in enumerate(entries, start=1)
            ],
        },
    }


def page_url(path, query, number):
    """The canonical URL of page `number` of a paginated list: page 1 has no page parameter."""
    query = query.copy()
    query.pop("page", None)
    if number > 1:
        query["page"] = number
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path
