from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Self-care library"

    def ready(self):
        from . import signals  # noqa: F401
