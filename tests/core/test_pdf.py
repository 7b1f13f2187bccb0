import pytest

from core import pdf
from tests.pdf_tools import pdf_fonts, pdf_text


@pytest.fixture
def sample_template(tmp_path, settings):
    folder = tmp_path / "templates"
    (folder / "sample").mkdir(parents=True)
    (folder / "sample" / "doc.html").write_text(
        '{% extends "pdf/base.html" %}{% block body %}<h1>{{ title }}</h1>{% endblock %}',
        encoding="utf-8",
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], folder]}]
    return "sample/doc.html"


def test_pdf_embeds_a_chinese_font_and_text(sample_template):
    body = pdf.render_pdf(template=sample_template, context={"title": "定王台街道社工站督导档案"})
    assert body.startswith(b"%PDF")
    assert "定王台街道社工站督导档案" in pdf_text(body)
    assert "WenQuanYi" in pdf_fonts(body)
