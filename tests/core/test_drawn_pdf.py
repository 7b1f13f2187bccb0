from core import drawn_pdf
from tests.pdf_tools import pdf_fonts, pdf_text


def test_text_from_the_database_is_printed_as_is_never_read_as_markup():
    body = drawn_pdf.render([drawn_pdf.text("主题 <b>A & B</b> &amp;")], title="t")
    assert "主题 <b>A & B</b> &amp;" in pdf_text(body)


def test_lines_keep_their_line_breaks():
    body = drawn_pdf.render([drawn_pdf.lines("第一行\n第二行")], title="t")
    assert "第一行\n第二行" in pdf_text(body)


def test_chinese_font_is_embedded_and_long_tables_run_over_pages():
    rows = [
        ["日期", "站点"],
        *[[f"2025-01-{n % 28 + 1:02d}", "定王台街道社工站"] for n in range(120)],
    ]
    body = drawn_pdf.render([drawn_pdf.grid(rows, widths=[200, 200], header_rows=1)], title="长表")
    text = pdf_text(body)
    assert "WenQuanYi" in pdf_fonts(body)
    assert text.count("定王台街道社工站") == 120
    assert text.count("站点") > 1  # the header repeats on each page
