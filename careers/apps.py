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
    editor_models = [
        "category",
        "skill",
        "workplace",
        "career",
        "careeralias",
        "careerskill",
        "careerworkplace",
        "educationroute",
        "dayitem",
        "credential",
        "source",
        "careerdraft",
    ]
    # A career's history holds its parts too (careers.versions): one history model.
    editor_history_models = ["historicalcareer"]

    # Drafts scheduled for publication (publishing.schedule).
    scheduled_publishing = "careers.drafts"
    # Figures derived from many careers that pages show (publishing.versions).
    page_fingerprints = "careers.pagetags.fingerprints"

    def ready(self):
        from django.db.models.signals import post_init
        from simple_history.signals import pre_create_historical_record

        from careers import pagetags, search_index, versions

        search_index.connect(self)
        # A page that loads a career shows it: its cached copy depends on the career.
        post_init.connect(
            pagetags.shown, sender=self.get_model("Career"), dispatch_uid="careers-page-shows"
        )
        pre_create_historical_record.connect(
            versions.fill_parts_snapshot,
            sender=self.get_model("Career").history.model,
            dispatch_uid="careers-version-parts",
        )
