"""PDF documents with WeasyPrint: Django templates rendered with an embedded Chinese font."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def render_pdf(*, template: str, context: dict) -> bytes:
    """Render `template` (which extends "pdf/base.html") to PDF bytes.

    The font family is named in the CSS (WenQuanYi Micro Hei, Debian's fonts-wqy-microhei) so that
    Chinese glyphs are embedded rather than drawn as empty boxes.
    """
    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
