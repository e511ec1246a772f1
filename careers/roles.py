"""
Who may do what. Editors add, change and view every piece of content and publish or
unpublish it; they may delete parts and unpublished careers, but never a published career
(CareerAdmin enforces that), and they have no access to users, groups or permissions.
Superusers manage people.
"""

EDITOR_GROUP = "Editor"

CONTENT_MODELS = {
    "careers": [
        "career",
        "category",
        "skill",
        "workplace",
        "careerskill",
        "careerworkplace",
        "educationroute",
        "dayitem",
        "source",
    ],
    "comparisons": ["comparison"],
}
HISTORY_MODELS = {
    "careers": [
        "historicalcareer",
        "historicalcareerskill",
        "historicalcareerworkplace",
        "historicaleducationroute",
        "historicaldayitem",
        "historicalsource",
    ],
    "comparisons": ["historicalcomparison"],
}


def editor_permission_codenames():
    wanted = set()
    for app_label, models in CONTENT_MODELS.items():
        for model in models:
            for action in ("add", "change", "view", "delete"):
                wanted.add((app_label, f"{action}_{model}"))
    for app_label, models in HISTORY_MODELS.items():
        for model in models:
            wanted.add((app_label, f"view_{model}"))
    return wanted
