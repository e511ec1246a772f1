from django import forms

from careers.models import Career
from careers.text import MAX_QUERY_LENGTH, normalize_for_search


def resolve_career(text, careers=None):
    """
    The published career a visitor meant by `text`: its slug, its title or another name
    for it, else the single search match. Returns (career, suggestions). A misspelling
    (“Registred Nurse”) is never taken for a career: the careers spelled like it are
    suggested instead.
    """
    careers = careers if careers is not None else Career.objects.published()
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    normalized = normalize_for_search(text)
    if not normalized:
        return None, []
    exact = (
        careers.filter(slug=text.lower()).first() or careers.filter(search_title=normalized).first()
    )
    if exact:
        return exact, []
    matches = list(careers.search(text)[:6])
    # One match, or one whose title holds the words typed ("DevOps" also matches MLOps
    # Engineer through a skill, but only DevOps Engineer by its title).
    title_matches = [career for career in matches if career.rank < 2]
    if len(matches) == 1:
        return matches[0], []
    if len(title_matches) == 1:
        return title_matches[0], []
    return None, matches or list(careers.spelled_like(text)[:6])


class PickerForm(forms.Form):
    """The comparison picker: two careers by name. Works as a plain GET form."""

    a = forms.CharField(label="First career", max_length=MAX_QUERY_LENGTH)
    b = forms.CharField(label="Second career", max_length=MAX_QUERY_LENGTH)

    error_messages = {
        "required": "Choose a career here.",
        "max_length": "That is longer than any career name: try a shorter one.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(self.error_messages)

    def _clean_career(self, name):
        text = self.cleaned_data[name]
        career, suggestions = resolve_career(text)
        if career is None:
            self.fields[name].suggestions = suggestions
            raise forms.ValidationError(f"We have no career guide called “{text}”.")
        return career

    def clean_a(self):
        return self._clean_career("a")

    def clean_b(self):
        return self._clean_career("b")

    def clean(self):
        a, b = self.cleaned_data.get("a"), self.cleaned_data.get("b")
        if a and b and a == b:
            self.add_error("b", f"Pick a second career different from {a.title}.")
        return self.cleaned_data
