from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from fit import ranking
from fit.forms import PAY_FLOOR_LENGTH, FitForm
from fit.statements import SCALE, STATEMENTS, WEIGHTS
from occupations import wages
from occupations.scales import EntryEducation
from publishing.pagecache import (
    choice,
    mark_canonical,
    private,
    public_page,
    slug_value,
    text_value,
)
from publishing.seo import Meta

# Four long slugs and their separators.
COMPARE_LENGTH = 500

PARAMS = {
    **{s.key: choice(*(answer.value for answer in SCALE)) for s in STATEMENTS},
    "education": choice(*EntryEducation.values),
    "state": wages.state_slug,
    # Kept as typed (bounded) so that a mistake gets a plain-words message, not silence.
    "pay": lambda value: text_value(value, PAY_FLOOR_LENGTH),
    # The comparison being built from the results (“a-vs-b”): each result's “Add to
    # comparison” link comes back here with one more. The comparisons app reads it.
    "compare": lambda value: slug_value(value, max_length=COMPARE_LENGTH),
}


@require_safe
@public_page(params=PARAMS)
def fit(request):
    """
    The questionnaire and, once answered, the occupations that fit best. The answers live in
    the URL (a GET form): nothing is stored, results can be shared and Back works.

    Only the empty questionnaire goes into the page cache. Results are not stored anywhere
    (`private, no-cache`): their addresses are endless (5 answers to each of 19 statements
    times the filters), a render is cheap, and the page cache's per-client cap on renders
    (publishing.throttle) still applies to them.
    """
    path = reverse("fit:fit")
    mark_canonical(request, path)  # any answer: served, never stored
    form = FitForm(request.GET)
    valid = form.is_valid()
    asked = bool(request.GET)
    found = None
    if valid and asked:
        weights = {s.key: WEIGHTS[value] for s, value in form.answers() if value}
        found = ranking.find_fits(
            weights,
            education=form.cleaned_data["education"] or None,
            state=form.cleaned_data["state"] or None,
            pay_floor=form.cleaned_data["pay"],
        )
    # This page's address without the comparison being built: where “Add to comparison”
    # links come back to, with it.
    answers = request.GET.copy()
    answers.pop("compare", None)
    here = f"{path}?{answers.urlencode()}" if answers else path
    meta = Meta(
        title="What fits you: careers that match the work you like",
        description=(
            "Say how you feel about 19 kinds of work and see the US occupations whose O*NET "
            "profiles fit best, with the reasons, pay in your state, outlook and entry "
            "education. No account; nothing is stored."
        ),
        path=path,
        robots="noindex,follow" if asked else "index,follow",
        breadcrumbs=[("Home", "/"), ("What fits you", path)],
    )
    context = {
        "form": form,
        # The controls are written out in the template (95 radio buttons through Django's
        # widget templates took longer than the ranking), from the normalised values.
        "questions": [(s, request.GET.get(s.key, "")) for s in STATEMENTS],
        "chosen": {name: request.GET.get(name, "") for name in ("education", "state", "pay")},
        "educations": form.fields["education"].choices,
        "states": form.fields["state"].choices,
        "scale": SCALE,
        "found": found,
        "asked": asked,
        "compare": request.GET.get("compare", ""),
        "here": here,
        "rules": ranking.RULES,
        "statement_count": len(STATEMENTS),
        "meta": meta,
    }
    response = render(request, "fit/fit.html", context, status=200 if valid else 400)
    return private(response) if asked else response
