"""Browser fixtures: Debian's Chromium driven by Playwright against Django's live test server."""

import os
import re
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from pages.apps import sync_site

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# The flags keep a headless Chromium quiet on a machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# themselves (setting up data, checking results) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Chromium is not installed: run `make chromium` (Debian's chromium package).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_in_call = report.failed
    return report


@pytest.fixture
def archive(transactional_db, migrated_groups):
    """The seed archive, the site's pages and the Editors group, in a database the live server
    can see."""
    call_command("seed", verbosity=0)
    restore_editors_group(migrated_groups)
    restore_site_pages()


def restore_editors_group(migrated_groups):
    """The group as its migrations left it (`migrated_groups`, from tests/conftest.py): browser
    tests commit their data, so the database is emptied after each one, migration-made rows
    included. Taken from the database as they made it, not from their lists of permissions, so
    that each migration giving editors more is in, as it is for real editors."""
    name = import_module("ask.migrations.0002_editors_group").GROUP
    if name not in migrated_groups:
        pytest.fail(f"No {name} group in the test database as made: run pytest with --create-db.")
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codename in migrated_groups[name]
    )


def restore_site_pages():
    """The Site and the flat pages that migrate makes (emptied like the group)."""
    sync_site()
    import_module("pages.migrations.0001_about_pages").create_pages(django_apps, None)


def open_page(chromium, live_server, request, **options):
    """A fresh browser page at the live server; a screenshot is saved if the test fails."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    request.addfinalizer(lambda: _close(page, context, request))
    return page


def _close(page, context, request):
    if getattr(request.node, "failed_in_call", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    context.close()


@pytest.fixture
def page(chromium, live_server, request):
    return open_page(chromium, live_server, request)


@pytest.fixture
def page_without_javascript(chromium, live_server, request):
    return open_page(chromium, live_server, request, java_script_enabled=False)


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(axe, page):
    """axe-core's serious and critical findings on the page, as readable lines."""
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
