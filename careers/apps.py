from django.apps import AppConfig


class CareersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"

    # Saving any of these bumps the content version (publishing.signals).
    content_models = [
        "Category",
        "Skill",
        "Workplace",
        "Career",
        "CareerSkill",
        "CareerWorkplace",
        "EducationRoute",
        "DayItem",
        "Source",
        "WageRelease",
        "Area",
        "AreaWage",
        "PaySummary",
    ]
    # Imported from BLS by loadcatalog, never typed: editors may only look at them.
    editor_view_models = ["wagerelease", "area", "areawage"]
    # The Editor group may add, change, view and delete these (publishing.roles) and read
    # their history.
    editor_models = [
        "category",
        "skill",
        "workplace",
        "career",
        "careerskill",
        "careerworkplace",
        "educationroute",
        "dayitem",
        "source",
    ]
    editor_history_models = [
        "historicalcareer",
        "historicalcareerskill",
        "historicalcareerworkplace",
        "historicaleducationroute",
        "historicaldayitem",
        "historicalsource",
    ]
