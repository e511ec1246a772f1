from django import forms
from django.db.models import Count, Q

from careers.models import Category, EducationLevel
from occupations import wages

SORTS = {
    "title": "Title (A–Z)",
    "pay": "Median pay (highest first)",
    "growth": "Projected growth (fastest first)",
}


class CareerFilterForm(forms.Form):
    """
    The careers index filters. Each offers only the choices that have careers, given the
    other filter, with how many (“Healthcare (6)”); a value chosen by its address stays
    offered even when nothing matches. Unknown values are dropped, never an error page.
    """

    category = forms.ChoiceField(required=False)
    education = forms.TypedChoiceField(
        label="Education level", coerce=int, required=False, empty_value=None
    )
    state = forms.ChoiceField(
        label="Pay in",
        choices=lambda: [("", "The whole US"), *wages.state_choices()],
        required=False,
        help_text="With a state: only careers with a published median there, and its pay.",
    )
    sort = forms.ChoiceField(label="Sort by", choices=list(SORTS.items()), required=False)

    def __init__(self, data, careers):
        """`careers`: the published careers the filters narrow down. Two queries."""
        super().__init__(data)
        level = _level(self.data.get("education"))
        in_level = Q(careers__in=careers)
        if level is not None:
            in_level &= Q(careers__education_level=level)
        self.categories = {
            category.slug: category
            for category in Category.objects.annotate(count=Count("careers", filter=in_level))
        }
        chosen = self.categories.get(self.data.get("category"))
        in_category = careers if chosen is None else careers.filter(category=chosen)
        levels = dict(
            in_category.order_by().values_list("education_level").annotate(count=Count("pk"))
        )

        shown = [c for c in self.categories.values() if c.count or c == chosen]
        self.fields["category"].choices = [
            ("", f"All categories ({sum(c.count for c in self.categories.values())})"),
            *[(c.slug, f"{c.name} ({c.count})") for c in shown],
        ]
        self.fields["education"].choices = [
            ("", f"Any education level ({sum(levels.values())})"),
            *[
                (value, f"{label} ({levels.get(value, 0)})")
                for value, label in EducationLevel.choices
                if levels.get(value) or value == level
            ],
        ]

    def filters(self):
        """The valid filters, ignoring any field whose value was not understood."""
        self.is_valid()
        chosen = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        chosen["category"] = self.categories.get(chosen.get("category") or "")
        return chosen


def _level(value):
    try:
        level = int(value)
    except (TypeError, ValueError):
        return None
    return level if level in EducationLevel.values else None
