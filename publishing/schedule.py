"""
Scheduled publications, published by `manage.py publishdue`, never by a visitor's request.

An app that can schedule content names a module on its AppConfig
(`scheduled_publishing = "careers.drafts"`) with two functions:

- `next_due()`: the earliest time something of that app is scheduled to go live, or None;
- `publish_due(now)`: publish everything due at `now` (inside the caller's transaction).

The content version row keeps `next_due`, the earliest of all apps
(`publishing.versions.reschedule()` after any change to a schedule), and publishing.versions
hands it to every reader with the version. From that time until `publishdue` has run, the
page cache serves no copy made before it (pages are rendered afresh and not stored), and
reading it writes nothing.
`publishdue` (`make serve` runs it in a loop; cron or a systemd timer elsewhere) then
publishes what is due under a lock on the version row, once, whichever app server or
timer gets there first; the others find nothing due.
"""

import logging
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("qoollege.publishing")


def providers():
    for app_config in apps.get_app_configs():
        name = getattr(app_config, "scheduled_publishing", None)
        if name:
            yield import_module(name)


def earliest():
    times = [due for provider in providers() if (due := provider.next_due()) is not None]
    return min(times) if times else None


def next_due():
    """When the next scheduled publication is due (None: nothing is scheduled). Reads only."""
    from publishing.models import ContentVersion

    return ContentVersion.read().next_due


def publish_due():
    """Publish what is due now (if another server has not already) and return the
    content version row as it is then (publishing.versions hands it to readers)."""
    from publishing.models import ContentVersion

    with transaction.atomic():
        row = ContentVersion.objects.select_for_update().filter(pk=1).first()
        now = timezone.now()
        if row is not None and row.next_due is not None and row.next_due <= now:
            for provider in providers():
                provider.publish_due(now)
            row.next_due = earliest()
            row.save(update_fields=["next_due"])
            # Whatever was published moves the version on; even when nothing was (a draft
            # discarded a moment ago), pages cached before the due time are not served.
            ContentVersion.advance()
    return ContentVersion.read()
