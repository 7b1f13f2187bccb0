"""Demo data from other apps: any installed app may ship a `demo_seed` module.

The module offers `seed(*, scale: str, figures: Figures) -> None` (idempotent: a second run adds
nothing), `reset() -> None` (delete that app's rows so that the directory can be emptied) and,
optionally, `report() -> list[str]` (lines printed at the end). The
directory never imports those apps; it finds the modules the way Django's admin autodiscovers.
"""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def demo_seed_modules() -> list[ModuleType]:
    """Every installed app's `demo_seed` module, in INSTALLED_APPS order."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo_seed"
        if config.name != "directory" and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules
