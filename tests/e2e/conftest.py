"""Browser-level tests: Playwright for Python driving Debian's Chromium against a live server.

The whole folder is skipped, with the reason printed, on a machine without Chromium,
Java or the npm validators (`npm ci`); CI installs all three.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _missing_tools():
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    if not shutil.which("java"):
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists() or not AXE_JS.exists():
        missing.append("the npm validators (npm ci)")
    return missing


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    missing = _missing_tools()
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason="browser tests skipped: missing " + ", ".join(missing))
                )


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    # Playwright's sync API keeps an event loop on the test thread; the ORM calls the
    # tests make there are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under var/screenshots/ at the page's current width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def validate_html(html):
    """The Nu Html Checker's errors for ``html``, as a list of readable strings."""
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "-"],
        input=html.encode(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stdout or b'{"messages": []}')["messages"]
    return [
        f"line {message.get('lastLine')}: {message['message']} ({message.get('extract', '')!r})"
        for message in messages
        if message.get("type") == "error"
    ]


def serious_axe_violations(page):
    """axe-core's serious and critical violations on the page, as readable strings."""
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "" for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
