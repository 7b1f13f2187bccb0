"""A county administrator imports people from a spreadsheet in the back office."""

import pytest

from directory.models import Person
from imports import columns
from tests.browser.support import sign_in
from tests.imports.files import lines_of, person_row, xlsx_file

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(page, live_server, tmp_path, rows, name):
    path = tmp_path / name
    path.write_bytes(xlsx_file(lines_of(columns.PEOPLE, rows)).read())
    page.goto(f"{live_server.url}/admin/imports/")
    page.select_option("select[name=kind]", columns.PEOPLE)
    page.set_input_files("input[type=file]", str(path))
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/imports/*/")


def test_bad_row_blocks_import_then_good_file_imports(page, live_server, tmp_path, tree, zhang_min):
    sign_in(page, live_server, "zhangmin@example.cn")

    good, bad = person_row(tree), person_row(tree, {"身份证号": "110105194912310021"})
    _upload(page, live_server, tmp_path, [good, bad], "bad.xlsx")
    text = page.inner_text("main")
    assert "校验码" in text and "任何数据都不会保存" in text
    assert page.locator("text=确认导入").count() == 0

    _upload(page, live_server, tmp_path, [good], "good.xlsx")
    page.click("button:has-text('确认导入')")
    page.wait_for_url("**/result/")
    assert Person.objects.filter(name=good["姓名"]).count() == 1
