"""The policy library: one page per policy document, its clauses anchored for citation links.

Clauses are Orderable rows in an InlinePanel (`PolicyClause`), not a StreamField: each is a row
that the link selector finds by (document, anchor) in one query, the database keeps anchors
unique per document, and the search index holds their text with the document's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.search import index_text
from quotas.clauses import normalised


def clause_anchor(citation: str) -> str:
    """The anchor of a clause on its document's page: its citation normalised (full-width
    forms folded, whitespace removed), so "三、(二)" and "三、（二）" share one and a re-import
    keeps it."""
    return normalised(citation)


class PolicyLibraryPage(Page):
    """The library at /policies/: every policy document, newest first."""

    intro = models.CharField(_("导语"), max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyDocumentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("政策文件库")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import policy_library

        context = super().get_context(request, *args, **kwargs)
        context["library"] = policy_library.library_view(library=self)
        return context


class PolicyDocumentForm(WagtailAdminPageForm):
    """Refuses two clauses with one citation: they would share an anchor."""

    def is_valid(self):
        """The page form and its clause forms as usual, then no citation twice: the clause
        forms are cleaned only in `is_valid`, after the page form's own `clean`."""
        valid = super().is_valid()
        seen = set()
        for form in self.formsets["clauses"].forms:
            citation = getattr(form, "cleaned_data", {}).get("citation")
            if not citation or form.cleaned_data.get("DELETE"):
                continue
            if clause_anchor(citation) in seen:
                form.add_error("citation", _("本文件中已有同一编号的条款。"))
                valid = False
            seen.add(clause_anchor(citation))
        return valid


class PolicyDocumentPage(Page):
    """One policy document as issued, split into its clauses (`import_policy_documents`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("征求意见稿")
        IN_FORCE = "in_force", _("正式文件")

    issuer = models.CharField(_("发布机关或来源"), max_length=200, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True)
    source_file = models.CharField(
        _("源文件名"),
        max_length=200,
        unique=True,
        help_text=_("如 hunan-2021-2023-station-action-plan.txt；政策包按此名称引用本文件。"),
    )
    status = models.CharField(
        _("文件状态"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    preamble = models.TextField(_("正文前言"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("issuer"),
        FieldPanel("issued_on"),
        FieldPanel("source_file"),
        FieldPanel("status"),
        FieldPanel("preamble"),
        InlinePanel("clauses", label=_("条款")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.FilterField("status"),
    ]
    base_form_class = PolicyDocumentForm
    parent_page_types = ["cms.PolicyLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策文件")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import policy_library

        context = super().get_context(request, *args, **kwargs)
        context["document"] = policy_library.document_view(document=self)
        return context

    def search_text(self) -> str:
        """Title, issuer, preamble and every clause (citation, heading, text), segmented for
        the search index."""
        clauses = (
            part
            for clause in self.clauses.all()
            for part in (clause.citation, clause.heading, clause.text)
        )
        return index_text(self.title, self.issuer, self.preamble, *clauses)


class PolicyClause(Orderable):
    """A clause: its citation as the document numbers it, its heading and text, and its anchor
    (`clause_anchor` of the citation, set on validation and by the import)."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="clauses")
    citation = models.CharField(
        _("条款编号"),
        max_length=255,
        help_text=_(
            "按文件的编号书写，如“四、（三）”“二、（二）4”；无编号的报告写小标题路径“A › B”。"
        ),
    )
    anchor = models.CharField(max_length=255, editable=False)
    depth = models.PositiveSmallIntegerField(
        _("层级"), default=1, help_text=_("1 为一级标题下的条款，2 为其下一级，依此类推。")
    )
    heading = models.CharField(_("小标题"), max_length=255, blank=True)
    text = models.TextField(_("条款正文"), blank=True)

    panels = [
        FieldPanel("citation"),
        FieldPanel("depth"),
        FieldPanel("heading"),
        FieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "anchor"],
                name="policy_clause_anchor_unique",
                violation_error_message=_("本文件中已有同一编号的条款。"),
            )
        ]

    def __str__(self):
        return self.citation

    def clean(self):
        self.anchor = clause_anchor(self.citation)
