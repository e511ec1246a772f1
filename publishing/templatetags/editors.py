from django import template
from django.contrib.admin.models import LogEntry

register = template.Library()


@register.inclusion_tag("admin/_recent_changes.html")
def recent_changes(limit=12):
    """The latest saves in the admin, by whom: what the team did lately."""
    entries = LogEntry.objects.select_related("user", "content_type").order_by("-action_time")
    return {"entries": entries[:limit]}
