"""Each app owns the reads of its tables: another app calls the owner's selectors
(`<app>/selectors.py` or `<app>/selectors/`), never `OtherModel.objects` directly; writes go
through the owner's services. Scanned: the project's apps, except their selectors, migrations,
demo data builders and benchmark commands."""

import ast
from pathlib import Path

from django.conf import settings

from tests.project import project_apps

MANAGERS = {"objects", "_default_manager", "_base_manager"}
LOOKUPS = {"get_object_or_404", "get_list_or_404"}

# accounts/scope.py maps role grants onto the directory's region tree: every app's lists start
# from its `*_visible_to(user)` querysets, and directory.selectors itself builds on them, so the
# scope module reads directory tables directly (through directory.selectors it would import
# itself in a circle).
ALLOWED = {"accounts/scope.py"}


APPS = project_apps()


def _scanned(path: Path) -> bool:
    """Selectors read for their app; migrations, demo data and benchmarks build or measure."""
    parts = path.parts
    return not (
        "migrations" in parts
        or "selectors" in parts
        or path.name == "selectors.py"
        or "demo" in parts
        or path.stem.startswith("demo_")
        or path.stem.endswith("_demo")
        or path.name.startswith("bench")
        or path.as_posix() in ALLOWED
    )


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (base := _dotted(node.value)):
        return f"{base}.{node.attr}"
    return None


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name → what it stands for, e.g. "Person" → "directory.models.Person"."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
    return names


def _foreign_model(node: ast.expr, *, names: dict[str, str], app: str) -> str | None:
    """ "<app>.<Model>" when `node` names a model imported from another app's models module."""
    dotted = _dotted(node)
    if dotted is None:
        return None
    first, _, rest = dotted.partition(".")
    parts = ".".join(p for p in (names.get(first, first), rest) if p).split(".")
    if len(parts) >= 3 and parts[0] in APPS and parts[0] != app and parts[1] == "models":
        return f"{parts[0]}.{parts[-1]}"
    return None


def foreign_reads(source: str, *, app: str) -> list[tuple[int, str]]:
    """(line, what) for each read of another app's model in a module of `app`: its manager
    (`Person.objects`, `_default_manager`) or the model handed to `get_object_or_404`."""
    tree = ast.parse(source)
    names = _imported_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            if model := _foreign_model(node.value, names=names, app=app):
                found.append((node.lineno, f"{model}.{node.attr}"))
        elif isinstance(node, ast.Call) and node.args:
            function = (_dotted(node.func) or "").split(".")[-1]
            if function in LOOKUPS and (
                model := _foreign_model(node.args[0], names=names, app=app)
            ):
                found.append((node.lineno, f"{function}({model})"))
    return sorted(found)


def test_the_scan_covers_the_project_apps():
    assert {"accounts", "directory", "lms", "supervision", "quotas", "credentials"} <= APPS
    for path in ALLOWED:
        assert (Path(settings.BASE_DIR) / path).is_file()


def test_the_scan_finds_reads_of_other_apps_models():
    source = """
from directory.models import Person as P
from directory import models as directory_models
import lms.models
from supervision.models import SupervisorProfile
from credentials.models import Certificate

P.objects.filter(pk=1)
directory_models.Region._default_manager.all()
lms.models.Enrolment.objects.all()
get_object_or_404(SupervisorProfile, pk=1)
Certificate.objects.all()
"""
    assert foreign_reads(source, app="credentials") == [
        (8, "directory.Person.objects"),
        (9, "directory.Region._default_manager"),
        (10, "lms.Enrolment.objects"),
        (11, "get_object_or_404(supervision.SupervisorProfile)"),
    ]


def test_apps_read_other_apps_tables_only_through_their_selectors():
    base = Path(settings.BASE_DIR)
    offences = [
        f"{path.relative_to(base)}:{line}: {what}"
        for app in sorted(APPS)
        for path in sorted((base / app).rglob("*.py"))
        if _scanned(path.relative_to(base))
        for line, what in foreign_reads(path.read_text(encoding="utf-8"), app=app)
    ]
    assert offences == [], "call the owning app's selectors instead:\n" + "\n".join(offences)
