from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The demo catalogue and its loader: the one place that writes careers and pairs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
