"""
Which icon stands for a category: one small table, by slug, so no model field is needed.
The icons are Lucide's (ISC), kept as one SVG sprite: static/icons/sprite.svg, with its
licence beside it. A category an editor adds later gets the default until it is listed.
"""

SPRITE = "icons/sprite.svg"
DEFAULT = "briefcase"
CATEGORY_ICONS = {
    "technology": "laptop",
    "data-analytics": "chart-column",
    "healthcare": "stethoscope",
    "engineering": "drafting-compass",
    "business-finance": "briefcase-business",
    "skilled-trades": "wrench",
    "education": "graduation-cap",
    "legal": "scale",
    "design-media": "palette",
}


def category_icon(slug):
    return CATEGORY_ICONS.get(slug, DEFAULT)
