"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server."""

import os
import shutil

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

# The public site's pages and its editors, as the cms tests build them.
from tests.cms.conftest import site  # noqa: F401
from tests.cms.editors.conftest import editors, pages, zhuzhou  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is missing: run scripts/setup.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def home(db):
    """The site's home page. Journeys run in transactions that empty every table afterwards,
    the rows the data migrations wrote included, so the page tree is made again when missing."""
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    page = root.add_child(
        instance=HomePage(title="社工站督导与培训平台", slug="home", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": page, "site_name": page.title},
    )
    return page
