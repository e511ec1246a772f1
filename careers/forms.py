from django import forms
from django.db.models import Count, Q

from careers.models import Category, EducationLevel
from occupations import wages
from publishing.widgets import QuickSelect

# Outlook filter: projected growth over the projection period (the demand rule of the
# README: very high from 15 %, high from 7 %).
OUTLOOKS = {
    "very-high": ("Very high demand (growth 15% or more)", Q(growth_pct__gte=15)),
    "high": ("High demand or more (7% or more)", Q(growth_pct__gte=7)),
    "growing": ("Growing (any growth)", Q(growth_pct__gt=0)),
    "shrinking": ("Shrinking", Q(growth_pct__lt=0)),
}
# Pay filter: the national median at least this (US dollars a year).
PAY_FLOORS = (40_000, 60_000, 80_000, 100_000, 150_000)

SORTS = {
    "title": "Title (A–Z)",
    "pay": "Median pay (highest first)",
    "growth": "Projected growth (fastest first)",
}


class CareerFilterForm(forms.Form):
    """
    The careers index filters. Each offers only the choices that have careers, given the
    other filters, with how many (“Healthcare (6)”: the careers listed on choosing it); a
    value chosen by its address stays offered even when nothing matches. Unknown values
    are dropped, never an error page.
    """

    category = forms.ChoiceField(widget=QuickSelect, label="Field", required=False)
    education = forms.TypedChoiceField(
        widget=QuickSelect, label="Education level", coerce=int, required=False, empty_value=None
    )
    outlook = forms.ChoiceField(widget=QuickSelect, label="Outlook", required=False)
    pay = forms.TypedChoiceField(
        widget=QuickSelect, label="Median pay", coerce=int, required=False, empty_value=None
    )
    state = forms.ChoiceField(
        widget=QuickSelect,
        label="Pay in",
        choices=lambda: [("", "The whole US"), *wages.state_choices()],
        required=False,
        help_text="With a state: only careers with a published median there, and its pay.",
    )
    sort = forms.ChoiceField(
        widget=QuickSelect, label="Sort by", choices=list(SORTS.items()), required=False
    )

    def __init__(self, data, careers):
        """`careers`: the published careers the filters narrow down (with a state, those
        with a median there). Three queries."""
        super().__init__(data)
        level = _level(self.data.get("education"))
        outlook = OUTLOOKS.get(self.data.get("outlook") or "")
        by_outlook = outlook[1] if outlook else Q()
        floor = _level(self.data.get("pay"), PAY_FLOORS)
        by_pay = Q() if floor is None else Q(salary_median__gte=floor)
        all_careers = careers
        careers = careers.filter(by_outlook & by_pay)
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
            ("", f"All fields ({sum(c.count for c in self.categories.values())})"),
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

        # Outlook and pay bands, counted among the careers of the chosen field and level,
        # each within the other.
        narrowed = all_careers if chosen is None else all_careers.filter(category=chosen)
        if level is not None:
            narrowed = narrowed.filter(education_level=level)
        bands = narrowed.aggregate(
            **{
                f"outlook_{key}": Count("pk", filter=q & by_pay) for key, (_, q) in OUTLOOKS.items()
            },
            **{
                f"pay_{floor}": Count("pk", filter=Q(salary_median__gte=floor) & by_outlook)
                for floor in PAY_FLOORS
            },
        )
        self.fields["outlook"].choices = [
            ("", "Any outlook"),
            *[
                (key, f"{label} ({bands[f'outlook_{key}']})")
                for key, (label, _) in OUTLOOKS.items()
            ],
        ]
        self.fields["pay"].choices = [
            ("", "Any median pay"),
            *[(floor, f"At least ${floor:,} ({bands[f'pay_{floor}']})") for floor in PAY_FLOORS],
        ]

    def filters(self):
        """The valid filters, ignoring any field whose value was not understood."""
        self.is_valid()
        chosen = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        chosen["category"] = self.categories.get(chosen.get("category") or "")
        return chosen


def _level(value, known=EducationLevel.values):
    """`value` as one of the `known` numbers, or None."""
    try:
        level = int(value)
    except (TypeError, ValueError):
        return None
    return level if level in known else None
