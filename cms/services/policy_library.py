"""Writes of the policy library: the library page and documents imported from text files."""

from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from audit.services import audit_record
from cms.models.policies import (
    PolicyClause,
    PolicyDocumentPage,
    PolicyLibraryPage,
    clause_anchor,
)
from cms.policy_documents import NotAPolicyDocument, PolicyText, policy_text
from cms.selectors import policy_library as selectors

LIBRARY_SLUG = "policies"
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class PolicyFolderError(Exception):
    """A folder or file that cannot be imported; the message says why, in Chinese."""


def policy_documents_import(*, folder: Path) -> list[tuple[PolicyDocumentPage, str, int]]:
    """Every *.txt of `folder` as a document of the library (created if missing), matched by
    file name: (page, CREATED | UPDATED | UNCHANGED, clauses) for each. Every file is read and
    parsed before anything is written; each document is written in its own transaction."""
    texts = _read_folder(folder)
    library = policy_library_ensure()
    done = []
    for name, text in texts.items():
        page, action = policy_document_import(library=library, source_file=name, text=text)
        done.append((page, action, len(text.clauses)))
    return done


def _read_folder(folder: Path) -> dict[str, PolicyText]:
    if not folder.is_dir():
        raise PolicyFolderError(_("找不到文件夹：%(folder)s") % {"folder": folder})
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise PolicyFolderError(_("文件夹中没有 .txt 文件：%(folder)s") % {"folder": folder})
    texts = {}
    for path in paths:
        try:
            texts[path.name] = policy_text(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            message = _("无法读取文件 %(file)s（须为 UTF-8 纯文本）：%(error)s")
            raise PolicyFolderError(message % {"file": path.name, "error": error}) from error
        except NotAPolicyDocument as error:
            message = _("文件 %(file)s 中找不到文件标题。")
            raise PolicyFolderError(message % {"file": path.name}) from error
    return texts


@transaction.atomic
def policy_library_ensure() -> PolicyLibraryPage:
    """The library page, created and published under the default site's home page if missing."""
    library = selectors.policy_library()
    if library is not None:
        return library
    home = Site.objects.get(is_default_site=True).root_page
    library = home.add_child(instance=PolicyLibraryPage(title=_("政策文件库"), slug=LIBRARY_SLUG))
    library.save_revision().publish()
    audit_record(actor=None, verb="policy_library.create", target=library)
    return library


@transaction.atomic
def policy_document_import(
    *, library: PolicyLibraryPage, source_file: str, text: PolicyText
) -> tuple[PolicyDocumentPage, str]:
    """Create or update the document page of `source_file` from its parsed text and publish a
    revision: (page, CREATED | UPDATED | UNCHANGED). Nothing is written when the page already
    says what the text says. An issuer or date the text does not give keeps what an editor
    entered."""
    page = selectors.document_with_source_file(source_file=source_file)
    statuses = PolicyDocumentPage.Status
    fields = {
        "title": text.title,
        "status": statuses.DRAFT if text.is_draft else statuses.IN_FORCE,
        "preamble": text.preamble,
        "issuer": text.issuer or (page.issuer if page else ""),
        "issued_on": text.issued_on or (page.issued_on if page else None),
    }
    clauses = [
        (clause.citation, clause_anchor(clause.citation), clause.depth, clause.heading, clause.text)
        for clause in text.clauses
    ]
    if page is not None and _content(page) == (fields, clauses):
        return page, UNCHANGED
    action = UPDATED if page is not None else CREATED
    if page is None:
        page = PolicyDocumentPage(source_file=source_file, slug=_slug(source_file), **fields)
        page.clauses = _rows(clauses)
        library.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        page.clauses = _rows(clauses)
    page.save_revision().publish()
    audit_record(
        actor=None, verb=f"policy_document.{action}", target=page, after={"file": source_file}
    )
    return page, action


def _content(page: PolicyDocumentPage) -> tuple[dict, list[tuple]]:
    fields = {
        "title": page.title,
        "status": page.status,
        "preamble": page.preamble,
        "issuer": page.issuer,
        "issued_on": page.issued_on,
    }
    clauses = [
        (clause.citation, clause.anchor, clause.depth, clause.heading, clause.text)
        for clause in page.clauses.all()
    ]
    return fields, clauses


def _rows(clauses: list[tuple]) -> list[PolicyClause]:
    return [
        PolicyClause(
            citation=citation, anchor=anchor, depth=depth, heading=heading, text=text, sort_order=i
        )
        for i, (citation, anchor, depth, heading, text) in enumerate(clauses)
    ]


def _slug(source_file: str) -> str:
    """The page's slug from its file name: "hunan-2021-2023-station-action-plan"."""
    return slugify(source_file.removesuffix(".txt"), allow_unicode=True) or "document"
