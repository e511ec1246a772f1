from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The demo catalogue and its loader: the one place that writes careers and pairs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    # What the last load read: a restore is a new state, loaded again when files change.
    backup_exclude = ["catalog.loadedcatalogue"]
