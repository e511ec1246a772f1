from django import forms

from careers.models import Career
from careers.search import find_careers
from careers.text import MAX_QUERY_LENGTH

SUGGESTIONS = 6


def resolve_career(text, careers=None):
    """
    The published career a visitor meant by `text`: its slug, else the one career that
    is exactly what was typed, or the one whose title holds it, else the only match
    (typos forgiven, as search does; a misspelling is suggested, never taken).
    Returns (career, suggestions).
    """
    careers = careers if careers is not None else Career.objects.published()
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return None, []
    by_slug = careers.filter(slug=text.lower()).first()
    if by_slug:
        return by_slug, []
    found = find_careers(text, careers, limit=SUGGESTIONS)
    matches = found.careers
    if found.corrected:
        # Found only by correcting a misspelling ("Registred Nurse"): suggested to the
        # visitor, who picks, never taken for them.
        return None, matches
    # One career that is exactly what was typed (“RN”), or one whose title holds the
    # words typed (“DevOps” also matches MLOps Engineer through a skill, but only DevOps
    # Engineer by its title).
    for best in (0, 2):
        close = [career for career in matches if career.rank <= best]
        if len(close) == 1:
            return close[0], []
        if close:
            break
    if len(matches) == 1:
        return matches[0], []
    return None, matches


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
            raise forms.ValidationError(f"We have no career called “{text}”.")
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
