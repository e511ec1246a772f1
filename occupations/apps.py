from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    """
    The public releases about US occupations (BLS OEWS wages by area, O*NET profiles and
    their similarity): imported, never typed by editors, and knowing nothing of guides,
    comparisons or editors.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "occupations"
    verbose_name = "Occupations (public data)"

    # Loading any of these bumps the content version (publishing.signals).
    content_models = ["WageRelease", "Area", "AreaWage", "PaySummary"]
    # Imported from the committed files, so backups leave it out and a restore imports it
    # again (publishing's backup and restore).
    backup_exclude = ["occupations"]
    after_restore = "occupations.releases.reload"
    # Imported data: editors may only look at them (publishing.roles).
    editor_view_models = ["onetprofile", "wagerelease", "area", "areawage"]
