from django import forms

from careers import pay
from careers.models import Category, EducationLevel

SORTS = {
    "title": ("Title (A–Z)", ["title"]),
    "pay": ("Median pay (highest first)", ["-salary_median", "-salary_max", "title"]),
    "growth": ("Projected growth (fastest first)", ["-growth_pct", "title"]),
}


class CareerFilterForm(forms.Form):
    """The careers index filters. Unknown values are dropped, never an error page."""

    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All categories",
    )
    education = forms.TypedChoiceField(
        label="Education level",
        choices=[("", "Any education level"), *EducationLevel.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    state = forms.ChoiceField(
        label="Pay in",
        choices=lambda: [("", "The whole US"), *pay.state_choices()],
        required=False,
        help_text="With a state: only careers with a published median there, and its pay.",
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        required=False,
    )

    def filters(self):
        """The valid filters, ignoring any field whose value was not understood."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
