from django.apps import AppConfig

# A career's parts: shown with it, saved as part of it.
PARTS = [
    "CareerAlias",
    "CareerSkill",
    "CareerWorkplace",
    "EducationRoute",
    "DayItem",
    "Credential",
    "Source",
]


class CareersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"

    # Saving any of these bumps the content version (publishing.signals).
    content_models = ["Category", "Skill", "Workplace", "Career", *PARTS]
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
        from django.db.models.signals import post_init, pre_save
        from simple_history.signals import pre_create_historical_record

        from careers import pagetags, search_index, versions

        search_index.connect(self)
        # A page that loads a career or a part shows it: its cached copy depends on it.
        career = self.get_model("Career")
        post_init.connect(pagetags.shown, sender=career, dispatch_uid="careers-page-shows")
        for name in PARTS:
            post_init.connect(
                pagetags.part_shown,
                sender=self.get_model(name),
                dispatch_uid=f"careers-page-shows-{name}",
            )
        pre_save.connect(pagetags.remember_row, sender=career, dispatch_uid="careers-row-before")
        pre_create_historical_record.connect(
            versions.fill_parts_snapshot,
            sender=self.get_model("Career").history.model,
            dispatch_uid="careers-version-parts",
        )
