from django import forms

from fit.statements import SCALE, STATEMENTS
from occupations import wages
from occupations.scales import EntryEducation

# A pay floor above this leaves (nearly) nothing: BLS top-codes medians at $239,200.
PAY_FLOOR_MAX = 1_000_000
PAY_FLOOR_LENGTH = 20
PAY_HELP = "Whole dollars a year, e.g. 45000 or $45,000 or 45k."


def parse_pay(text):
    """“45000”, “$45,000”, “45k” → 45000; "" → None; anything else raises ValueError."""
    value = text.strip().lower().replace(",", "").replace(" ", "").removeprefix("$")
    if not value:
        return None
    thousands = value.endswith("k")
    value = value.removesuffix("k")
    if not value.isascii() or not value.isdigit():
        raise ValueError(value)
    return int(value) * (1000 if thousands else 1)


class FitForm(forms.Form):
    """The questionnaire: one optional answer per statement, then three optional filters.
    Read from the query string (a GET form); nothing is stored."""

    education = forms.ChoiceField(
        label="Education you have or will have",
        required=False,
        choices=[("", "Any: show every job"), *EntryEducation.choices],
    )
    pay = forms.CharField(
        label="Lowest median pay you would take",
        required=False,
        max_length=PAY_FLOOR_LENGTH,
        help_text=PAY_HELP,
    )
    state = forms.ChoiceField(label="Pay in", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "The United States"), *wages.state_choices()]
        for statement in STATEMENTS:
            self.fields[statement.key] = forms.ChoiceField(
                label=statement.text,
                required=False,
                choices=[(answer.value, answer.label) for answer in SCALE],
                widget=forms.RadioSelect,
            )

    def clean_pay(self):
        try:
            amount = parse_pay(self.cleaned_data["pay"])
        except ValueError:
            raise forms.ValidationError(
                "Enter the pay floor as a whole number of dollars a year, like 45000."
            ) from None
        if amount is not None and amount > PAY_FLOOR_MAX:
            raise forms.ValidationError(
                f"No job's median pay is that high: enter at most ${PAY_FLOOR_MAX:,} a year."
            )
        return amount or None

    def answers(self):
        """[(statement, value or "")] in the questionnaire's order (valid forms only)."""
        return [(s, self.cleaned_data.get(s.key) or "") for s in STATEMENTS]
