"""Demo policy library for `manage.py seed_demo`: the documents in settings.POLICY_SEEDS_DIR,
imported as by `import_policy_documents` (idempotent). Without that folder the library stays
empty and the report says how to fill it."""

import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from cms.selectors import policy_library as selectors
from cms.services import policy_library


def seed(*, scale: str, figures) -> None:
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        return
    started = time.perf_counter()
    done = policy_library.policy_documents_import(folder=folder)
    created = sum(action == policy_library.CREATED for _page, action, _clauses in done)
    figures.add("cms: policy documents", time.perf_counter() - started, created)


def reset() -> None:
    """Policy documents refer to nothing in the directory: they stay."""


def report() -> list[str]:
    """Where the library is, or how to fill it when it is empty."""
    library = selectors.policy_library()
    count = selectors.library_documents(library=library).count() if library else 0
    if count:
        line = _("政策文件库：%(count)s 份文件，见 %(url)s")
        return [line % {"count": count, "url": library.url}]
    empty = _("政策文件库为空：未找到政策文件文件夹 %(folder)s。")
    return [
        empty % {"folder": settings.POLICY_SEEDS_DIR},
        _("导入政策文件：manage.py import_policy_documents <存放 *.txt 政策文件的文件夹>"),
    ]
