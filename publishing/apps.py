from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    """
    Plumbing that every content app uses and that imports none of them: the content
    version, the page cache, page metadata for crawlers, and the Editor role. Apps take
    part by declaring, on their AppConfig, `content_models` (saves bump the content
    version) and `editor_models` (the Editor group may add, change, view and delete them).
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"

    def ready(self):
        from django.core import checks as django_checks
        from django.db.backends.signals import connection_created

        from publishing import checks, database, roles, signals

        signals.connect_content_models()
        django_checks.register(checks.redis_eviction, django_checks.Tags.caches)
        connection_created.connect(database.bound_answers, dispatch_uid="publishing-db-answers")
        # After every migrate, not once in a data migration: new models get their
        # permissions in the Editor group without anyone remembering to add them. Once,
        # for the last app with models, when every app's permissions exist.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(
            roles.sync_editor_group, sender=last, dispatch_uid="publishing-sync-editors"
        )
