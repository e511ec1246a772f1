from django import template

from careers.models import Career, CareerDraft

register = template.Library()

LIMIT = 10


@register.inclusion_tag("admin/careers/_dashboard.html")
def careers_dashboard():
    """What needs an editor's attention: drafts, schedules, unready and stale careers."""
    careers = Career.objects.prefetch_related("skill_links", "education_routes", "sources")
    unpublished = list(careers.filter(is_published=False).order_by("-updated_at")[:LIMIT])
    waiting = CareerDraft.objects.select_related("career", "updated_by")
    live_drafts = list(waiting.filter(publish_at__isnull=True).order_by("-updated_at")[:LIMIT])
    scheduled = list(waiting.filter(publish_at__isnull=False).order_by("publish_at")[:LIMIT])
    not_ready = [
        (career, problems)
        for career in careers.filter(is_published=False).order_by("title")
        if (problems := career.publish_problems())
    ][:LIMIT]
    stale = list(careers.stale().order_by("last_reviewed")[:LIMIT])
    return {
        "drafts": unpublished,
        "live_drafts": live_drafts,
        "draft_count": (
            Career.objects.filter(is_published=False).count()
            + CareerDraft.objects.filter(publish_at__isnull=True).count()
        ),
        "scheduled": scheduled,
        "scheduled_count": CareerDraft.objects.filter(publish_at__isnull=False).count(),
        "not_ready": not_ready,
        "stale": stale,
        "stale_count": Career.objects.stale().count(),
    }
