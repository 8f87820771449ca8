from django.apps import AppConfig


class ArmorPTConfig(AppConfig):
    name = "armorpt"
    verbose_name = "Armor PT"

    def ready(self):
        from . import checks  # noqa: F401
