import functools

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html

from careers import formatting, icons
from occupations import formatting as figures_text

register = template.Library()


@register.filter
def salary_range(career):
    return formatting.salary_range(career)


@register.filter
def outlook(career):
    return formatting.outlook(career)


@register.filter
def pay_period(career):
    return formatting.pay_period(career)


@register.filter
def projection_period(career):
    return formatting.projection_period(career)


@register.filter
def growth(value):
    return figures_text.growth(value)


@register.filter
def dollars(value):
    return figures_text.money_full(value)


@register.filter
def pair(first, second):
    """[first, second]: lets a template loop over a comparison row's two cells."""
    return [first, second]


@register.filter
def outlook_badge(career):
    """(words, tone): `{% with badge=career|outlook_badge %}{{ badge.0 }}…`."""
    return formatting.outlook_badge(career)


@register.filter
def entry_requirements(career):
    return formatting.entry_requirements(career)


@register.filter
def entry_programmes(career):
    return formatting.entry_programmes(career)


@register.filter
def category_icon(category):
    return icons.category_icon(category.slug)


@register.simple_tag
def icon(name, size=20, css=""):
    """A decorative icon from the sprite; the words beside it carry the meaning."""
    # A list shows one per row: the sprite's address (a manifest lookup) and the markup
    # are worked out once per icon, size and class (and static files setting).
    return _icon(name, size, css, settings.STATIC_URL, settings.STORAGES["staticfiles"]["BACKEND"])


@functools.lru_cache(maxsize=512)
def _icon(name, size, css, static_url, storage):
    return format_html(
        '<svg class="icon{}" width="{}" height="{}" aria-hidden="true" focusable="false">'
        '<use href="{}#{}"></use></svg>',
        f" {css}" if css else "",
        size,
        size,
        static(icons.SPRITE),
        name,
    )
