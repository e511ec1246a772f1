from django import template

from careers import formatting

register = template.Library()


@register.filter
def salary_range(career):
    return formatting.salary_range(career)


@register.filter
def outlook(career):
    return formatting.outlook(career)


@register.filter
def growth(value):
    return formatting.growth(value)


@register.filter
def dollars(value):
    return formatting.money_full(value)


@register.filter
def pair(first, second):
    """[first, second]: lets a template loop over a comparison row's two cells."""
    return [first, second]
