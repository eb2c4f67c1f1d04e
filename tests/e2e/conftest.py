"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test under tests/e2e is marked ``e2e`` automatically. Fixtures, for use in any test here:

``page``
    pytest-playwright's page, already pointed at the live server: ``page.goto("/builder/")`` works,
    since ``base_url`` is the live server's URL. Using it gives the test a transactional database
    (flushed after each test), shared with the server thread; on SQLite and PostgreSQL alike.

``make_user(username, educator=False)``
    Creates (or returns) a user whose password is ``PASSWORD`` ("correct-horse-battery-9"); with
    ``educator=True`` the user is in the Educators group.

``signed_in_page(username="trainee", educator=False)``
    Makes that user if needed, signs them in (a real session cookie in the browser), returns ``page``.
    Example: ``page = signed_in_page("edna", educator=True); page.goto("/educators/")``.

``check_axe(page)``
    Runs axe-core on the page as it is now and fails with a readable list of violations unless there
    are none. Call it after every state worth checking (empty page, filled page, page with errors).

``screenshot(page, name)``
    Writes tests/e2e/screenshots/<name>-1280.png and <name>-800.png (full page, 1280 and 800 px wide)
    and puts the viewport back. ``widths=(800,)`` for one width only. The folder is git-ignored: open
    the PNGs and look at them.

``fits(page)``
    At 390, 800 and 1280 px (WIDTHS) the page does not scroll sideways (the failure names what sticks out)
    and axe finds nothing. ``look(page, name)`` does that, then takes the screenshots at those widths.

``open_case_mode(page)`` and ``save_as_case(page)``
    From the Educators home, New case: the builder in case mode, its banner up. From the builder in case
    mode, the banner's Save as case: the new case's form, loaded.

Without /usr/bin/chromium these tests are skipped with a loud message, unless CI is set, where
a missing browser fails every browser test.
"""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import Page, expect

from config.roles import EDUCATORS_GROUP

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there unless told.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
E2E_DIR = Path(__file__).parent
SCREENSHOTS = E2E_DIR / "screenshots"
PASSWORD = "correct-horse-battery-9"
WIDTHS = (390, 800, 1280)  # a phone, a tablet, a laptop
MISSING_BROWSER = (
    f"BROWSER TESTS SKIPPED: {CHROMIUM} is missing. Install Debian's chromium "
    "(apt-get install chromium) to run them; `make test` does so when run as root."
)
MISSING_BROWSER_IN_CI = f"BROWSER TESTS FAILED: {CHROMIUM} is missing and CI is set."


def _in_e2e(item: pytest.Item) -> bool:
    return E2E_DIR in Path(item.path).parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_missing = not CHROMIUM.exists()
    for item in filter(_in_e2e, items):
        item.add_marker(pytest.mark.e2e)
        if browser_missing and not os.environ.get("CI"):
            item.add_marker(pytest.mark.skip(reason=MISSING_BROWSER))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if not CHROMIUM.exists():
        message = MISSING_BROWSER_IN_CI if os.environ.get("CI") else MISSING_BROWSER
        terminalreporter.write_sep("!", message, red=True, bold=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(live_server) -> dict:
    # Only reached without a browser when CI is set (otherwise the tests are skipped).
    if not CHROMIUM.exists():
        pytest.fail(MISSING_BROWSER_IN_CI, pytrace=False)
    # Asking for live_server here starts it before the browser, so it stops after the browser: Chromium's
    # last keep-alive connections then close while the server may still use the test database.
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def make_user(django_user_model) -> Callable:
    def make(username: str, educator: bool = False):
        user, created = django_user_model.objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
        if educator:
            user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
        return user

    return make


@pytest.fixture
def signed_in_page(page: Page, make_user, live_server) -> Callable[..., Page]:
    def sign_in(username: str = "trainee", educator: bool = False) -> Page:
        client = Client()
        client.force_login(make_user(username, educator=educator))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        return page

    return sign_in


@pytest.fixture(scope="session")
def _axe() -> Axe:
    return Axe()


@pytest.fixture
def check_axe(_axe: Axe) -> Callable[[Page], None]:
    def check(page: Page) -> None:
        results = _axe.run(page)
        if results.violations_count:
            pytest.fail(
                f"axe found {results.violations_count} accessibility violation(s) on {page.url}:\n"
                + results.generate_report(),
                pytrace=False,
            )

    return check


@pytest.fixture
def screenshot() -> Callable[..., None]:
    def take(page: Page, name: str, widths: tuple[int, ...] = (1280, 800)) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        original = page.viewport_size
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        if original:
            page.set_viewport_size(original)

    return take


def wider_than_the_page(page: Page) -> list[str]:
    """The innermost elements that reach past the right edge outside any scrolling frame, to say what to fix."""
    return page.evaluate(
        """() => {
            const clipped = (e) => {
                for (let x = e.parentElement; x; x = x.parentElement) {
                    if (["auto", "scroll", "hidden"].includes(getComputedStyle(x).overflowX)) return true;
                }
                return false;
            };
            const past = (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e);
            return [...document.querySelectorAll("body *")]
                .filter((e) => past(e) && ![...e.children].some(past))
                .slice(0, 5)
                .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
        }"""
    )


@pytest.fixture
def fits(check_axe) -> Callable[[Page], None]:
    def check(page: Page) -> None:
        original = page.viewport_size
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            # Measured once the resized page has laid itself out again (two animation frames, no timer).
            overflow = page.evaluate(
                """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(
                    () => done(document.scrollingElement.scrollWidth - window.innerWidth))))"""
            )
            assert overflow <= 0, (
                f"{page.url} scrolls sideways by {overflow}px at {width}px: {wider_than_the_page(page)}"
            )
            check_axe(page)
        if original:
            page.set_viewport_size(original)

    return check


@pytest.fixture
def look(fits, screenshot) -> Callable[[Page, str], None]:
    def check(page: Page, name: str) -> None:
        fits(page)
        screenshot(page, name, widths=WIDTHS)

    return check


@pytest.fixture
def open_case_mode() -> Callable[[Page], None]:
    def open_from_educators_home(page: Page) -> None:
        page.get_by_role("button", name="New case").first.click()
        expect(page.get_by_role("heading", name="Building case: New case")).to_be_visible()

    return open_from_educators_home


@pytest.fixture
def save_as_case() -> Callable[[Page], None]:
    def save(page: Page) -> None:
        page.locator("#case-banner").get_by_role("link", name="Save as case").click()
        expect(page.get_by_role("heading", name="New case", level=1)).to_be_visible()
        page.wait_for_load_state()  # slug.js is wired up once the page has loaded, as it has by a person's first key

    return save
