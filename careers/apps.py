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
        "CareerAlias",
        "CareerSkill",
        "CareerWorkplace",
        "EducationRoute",
        "DayItem",
        "Credential",
        "Source",
    ]
    # The Editor group may add, change, view and delete these (publishing.roles) and read
    # their history.
    editor_models = [name.lower() for name in content_models]
    editor_history_models = [
        "historicalcareer",
        "historicalcareeralias",
        "historicalcareerskill",
        "historicalcareerworkplace",
        "historicaleducationroute",
        "historicaldayitem",
        "historicalcredential",
        "historicalsource",
    ]
    # Imported data editors may read but not change.
    editor_view_models = ["onetprofile"]

    def ready(self):
        from careers import search_index

        search_index.connect(self)
