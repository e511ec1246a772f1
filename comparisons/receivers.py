"""comparisons' answers to other apps' signals (connected in ComparisonsConfig.ready())."""

from django.urls import reverse

from comparisons.models import Comparison


def remember_pair(sender, instance, raw=False, **kwargs):
    """pre_save of Comparison: the careers it paired before the save, whose pages showed
    it (its `page_tags()` names them too)."""
    if raw or instance.pk is None:
        return
    pair = sender._base_manager.filter(pk=instance.pk).values_list("career_a", "career_b")
    instance.__dict__["_pair_before_save"] = pair.first() or ()


def comparisons_showing(sender, career, **kwargs):
    """careers.dependents.shown_on: the published comparisons a career appears in."""
    found = Comparison.objects.for_pair_member(career).filter(is_published=True)
    return [
        (
            f"the comparison “{comparison}”",
            reverse("admin:comparisons_comparison_change", args=[comparison.pk]),
            comparison.get_absolute_url(),
        )
        for comparison in found.select_related("career_a", "career_b")
    ]
