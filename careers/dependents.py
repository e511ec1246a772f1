"""
What else shows a career: its change form lists it, and unpublishing warns about it.

Other apps answer the `shown_on` signal (connected in their AppConfig.ready()), so this
app needs to know none of them. Each receiver gets `career` and returns a list of
(text, admin URL or None, site URL or None), e.g. the published comparisons showing it.
"""

from django.dispatch import Signal

shown_on = Signal()


def dependents_of(career):
    """[(text, admin URL or None, site URL or None)] from every app that shows `career`."""
    replies = shown_on.send(sender=type(career), career=career)
    return [item for _receiver, items in replies for item in items]
