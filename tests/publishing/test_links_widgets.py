"""
What stands in for Django on a first render's hot paths must give Django's own text:
links by slug (publishing.links) and selects (publishing.widgets.QuickSelect).
"""

import pytest
from django import forms
from django.urls import NoReverseMatch, reverse

from publishing.links import plain_url, slug_url
from publishing.widgets import QuickSelect


def test_links_are_what_reverse_gives():
    for slug in ("registered-nurse", "a", "x_1-2"):
        assert slug_url("careers:detail", "slug", slug) == reverse(
            "careers:detail", kwargs={"slug": slug}
        )
    assert slug_url("comparisons:detail", "pair", "a-vs-b") == "/compare/a-vs-b/"
    assert plain_url("careers:index") == reverse("careers:index")
    with pytest.raises(NoReverseMatch):  # not a slug: reverse() decides, as before
        slug_url("careers:detail", "slug", "not/a slug")


class Choices(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Any"), ("a&b", "A & B"), (3, "<three>")],
        required=False,
        help_text="Helps.",
    )
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Zed")],
        widget=forms.Select(attrs={"data-note": 'say "hi"', "disabled": True, "hidden": False}),
    )
    several = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two")], required=False)


@pytest.mark.parametrize(
    "data", [{}, {"plain": "a&b", "grouped": "y", "several": ["1", "2"]}, {"plain": "nope"}]
)
def test_quick_select_writes_what_django_writes(data, monkeypatch):
    form = Choices(data or None)
    form.is_valid()
    for field in form:
        django_text = str(field)
        widget = field.field.widget
        widget.__class__ = type("Quick", (QuickSelect, widget.__class__), {})
        with monkeypatch.context() as patch:  # no template: QuickSelect writes it all
            patch.setattr(forms.Widget, "_render", None)
            quick_text = str(field)
        assert quick_text == django_text, field.name
        assert "<select" in quick_text and "</select>" in quick_text
