"""What every browser journey does: sign in, keep a screenshot, check accessibility."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
BLOCKING = {"serious", "critical"}
_axe = Axe()  # axe-core from the installed package, injected into the page: nothing fetched


def sign_in(page, live_server, login: str, password: str = "pass-1234") -> None:
    """Sign in on the one sign-in page and wait for wherever the portal sends this user."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def snap(page, name: str) -> Path:
    """Save a full-page screenshot as var/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violation on the page as it stands."""
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in _axe.run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert violations == [], f"{page.url}\n" + "\n".join(violations)


def visit(page, name: str) -> None:
    """The page as the user sees it now: screenshot kept, accessibility checked."""
    page.wait_for_load_state("load")
    snap(page, name)
    assert_accessible(page)
