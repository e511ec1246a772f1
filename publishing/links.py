"""
Addresses of pages named by one slug, without Django's `reverse()` on every link.

A list page links to hundreds of careers and comparisons; `reverse()` costs about as
much as rendering the link's row, and on a first render it added a tenth of the
home page's time. The address of a slug-named page is its pattern with the slug put in:
the pattern is reversed once (per URLconf and script prefix) around a placeholder, and a
slug that the slug converter would not take goes through `reverse()` itself (which
raises NoReverseMatch as before).
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "qoollege-slug-placeholder"
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what <slug:…> takes, nothing to quote


@functools.lru_cache(maxsize=64)
def _around(viewname, kwarg, urlconf, prefix):
    """(before, after) the slug in the address of `viewname`, or None."""
    url = reverse(viewname, urlconf=urlconf, kwargs={kwarg: PLACEHOLDER})
    before, found, after = url.partition(PLACEHOLDER)
    return (before, after) if found and PLACEHOLDER not in after else None


@functools.lru_cache(maxsize=64)
def _plain(viewname, urlconf, prefix):
    return reverse(viewname, urlconf=urlconf)


def plain_url(viewname):
    """reverse(viewname) of a pattern without arguments, worked out once."""
    return _plain(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def slug_url(viewname, kwarg, slug):
    """reverse(viewname, kwargs={kwarg: slug}), the same text, faster."""
    if isinstance(slug, str) and PLAIN_SLUG.fullmatch(slug):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        if parts := _around(viewname, kwarg, urlconf, get_script_prefix()):
            return f"{parts[0]}{slug}{parts[1]}"
    return reverse(viewname, kwargs={kwarg: slug})
