from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comparisons"

    content_models = ["Comparison"]
    editor_models = ["comparison"]
    editor_history_models = ["historicalcomparison"]

    def ready(self):
        from django.db.models.signals import pre_save

        from careers.dependents import shown_on
        from comparisons.receivers import comparisons_showing, remember_pair

        # A career's change form lists the comparisons showing it; unpublishing warns.
        shown_on.connect(comparisons_showing, dispatch_uid="comparisons-shown-on")
        # A pair moved to another career re-renders the pages of the one it left.
        pre_save.connect(
            remember_pair,
            sender=self.get_model("Comparison"),
            dispatch_uid="comparisons-pair-before",
        )
