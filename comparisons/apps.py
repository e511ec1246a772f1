from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comparisons"

    content_models = ["Comparison"]
    editor_models = ["comparison"]
    editor_history_models = ["historicalcomparison"]
