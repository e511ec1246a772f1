from django.apps import AppConfig


class FitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fit"
    verbose_name = "What fits you"
