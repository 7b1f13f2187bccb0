"""The project's own apps (those at the repository's top level), for tests that scan them."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_apps() -> set[str]:
    base = Path(settings.BASE_DIR)
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == base and "site-packages" not in Path(config.path).parts
    }
