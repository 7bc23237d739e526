"""The wheel built from the repository deploys on its own.

It is built from the files the repository holds, installed in a fresh environment outside the
checkout next to its locked dependencies and nothing else (no dev tools, no checkout on the path),
and run with production settings against a database of its own on the test server.
"""

import functools
import importlib.metadata
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings

from tests.test_setup import PRODUCTION_ENV

REPOSITORY = Path(settings.BASE_DIR)
# The site's own packages: the settings' package and every installed app the repository holds.
SITE = {"config", *(app for app in settings.INSTALLED_APPS if (REPOSITORY / app).is_dir())}
# Folders at the top of the repository that the wheel carries inside the config package.
PACKED = {"templates", "static"}


@functools.cache
def repository_files() -> list[Path]:
    """Every file a clone of the repository has (committed or new, never git-ignored)."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    )
    return [Path(name) for name in listing.stdout.decode().split("\0") if name]


def runtime_distributions(requirements: list[str]) -> list[importlib.metadata.Distribution]:
    """The installed distributions `requirements` need, and theirs in turn: the locked runtime
    dependencies. Extras and needs of other platforms (not installed here) are left out."""
    found: dict[str, importlib.metadata.Distribution] = {}
    waiting = [r for r in requirements if "extra ==" not in r]
    while waiting:
        name = re.match(r"[A-Za-z0-9._-]+", waiting.pop())[0]
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        key = re.sub(r"[-_.]+", "-", distribution.metadata["Name"]).lower()
        if key not in found:
            found[key] = distribution
            waiting += [r for r in distribution.requires or [] if "extra ==" not in r]
    return list(found.values())


def link_into(site_packages: Path, distribution: importlib.metadata.Distribution) -> None:
    """Make `distribution`, as installed in this environment, part of another one."""
    top_level = {file.parts[0] for file in distribution.files} - {"..", "__pycache__"}
    for name in top_level:
        (site_packages / name).symlink_to(distribution.locate_file(name))


@pytest.fixture(scope="module")
def scratch_database_url():
    """A database of its own on the server the tests use, dropped afterwards."""
    server = settings.DATABASES["default"]
    # Named after the database the tests were given (its test copy may be set up already).
    name = f"test_{server['NAME'].removeprefix('test_')}_wheel"
    port = server["PORT"] or "5432"
    admin = psycopg2.connect(
        dbname="postgres",
        user=server["USER"],
        password=server.get("PASSWORD") or None,
        host=server["HOST"],
        port=port,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    login = quote(server["USER"], safe="")
    if server.get("PASSWORD"):
        login += ":" + quote(server["PASSWORD"], safe="")
    # A socket directory is given as the host, percent-encoded.
    yield f"postgresql://{login}@{quote(server['HOST'], safe='')}:{port}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@dataclass
class InstalledSite:
    """The wheel installed in an environment of its own, run with production settings."""

    python: Path
    distribution: importlib.metadata.Distribution
    site_packages: Path
    static_root: Path
    env: dict
    workdir: Path

    def django_admin(self, *args: str) -> subprocess.CompletedProcess:
        # `python -m django` is django-admin, run by the environment's own interpreter.
        return subprocess.run(
            [self.python, "-m", "django", *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
        )


@pytest.fixture(scope="module")
def installed_site(tmp_path_factory, scratch_database_url):
    """The built wheel and its runtime dependencies in a fresh environment, run from a
    directory outside the checkout."""
    root = tmp_path_factory.mktemp("wheel")
    # Build from a copy so that the build leaves nothing behind in the checkout.
    source = root / "source"
    for name in repository_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((REPOSITORY / name).read_bytes())
    pip = [sys.executable, "-m", "pip", "--quiet", "--no-input"]
    offline = ["--no-deps", "--no-index"]
    subprocess.run(
        [*pip, "wheel", *offline, "--no-build-isolation", "--wheel-dir", root / "dist", source],
        check=True,
    )
    (wheel,) = (root / "dist").glob("*.whl")

    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", python, "install", *offline, wheel], check=True)
    purelib = [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    site_packages = Path(subprocess.check_output(purelib, text=True).strip())
    (dist_info,) = site_packages.glob("acupuncture_answers-*.dist-info")
    distribution = importlib.metadata.PathDistribution(dist_info)
    for dependency in runtime_distributions(distribution.requires or []):
        link_into(site_packages, dependency)

    workdir = root / "elsewhere"
    workdir.mkdir()
    static_root = root / "collected"
    env = {"PATH": os.environ["PATH"]} | PRODUCTION_ENV
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": scratch_database_url,
        "STATIC_ROOT": str(static_root),
    }
    return InstalledSite(python, distribution, site_packages, static_root, env, workdir)


def test_the_wheel_holds_the_site_and_nothing_else(installed_site):
    shipped = {
        Path(file)
        for file in installed_site.distribution.files
        if not file.parts[0].endswith(".dist-info") and "__pycache__" not in file.parts
    }
    files = repository_files()
    expected = {path for path in files if path.parts[0] in SITE}
    expected |= {"config" / path for path in files if path.parts[0] in PACKED}
    expected.add(Path("config", "fixtures", "seed.json"))
    assert shipped == expected


def test_the_installed_site_passes_the_deployment_checks(installed_site):
    result = installed_site.django_admin("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_installed_site_migrates_a_new_database_and_loads_the_seed_archive(installed_site):
    migrated = installed_site.django_admin("migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    assert installed_site.django_admin("migrate", "--check").returncode == 0
    seeded = installed_site.django_admin("seed")
    assert seeded.returncode == 0, seeded.stderr


def test_the_installed_site_offers_every_management_command(installed_site):
    result = installed_site.django_admin("help", "--commands")
    commands = {
        path.stem
        for path in repository_files()
        if path.parts[0] in SITE and path.parent.name == "commands" and path.stem != "__init__"
    }
    assert commands <= set(result.stdout.split()), result.stderr


def test_the_installed_site_collects_every_static_file(installed_site):
    result = installed_site.django_admin("collectstatic", "--no-input", "-v0")
    assert result.returncode == 0, result.stderr
    static = [path for path in repository_files() if path.parts[0] == "static"]
    assert static
    for path in static:
        assert (installed_site.static_root / path.relative_to("static")).is_file(), path


def test_the_installed_site_loads_every_template_from_its_own_package(installed_site):
    names = [
        str(path.relative_to("templates"))
        for path in repository_files()
        if path.parts[0] == "templates"
    ]
    script = (
        "import config; from django.template.loader import get_template;"
        "print(config.__file__);"
        f"[print(get_template(name).origin.name) for name in {names!r}]"
    )
    result = installed_site.django_admin("shell", "--no-imports", "--command", script)
    assert result.returncode == 0, result.stderr
    config_file, *origins = result.stdout.split()
    assert config_file == str(installed_site.site_packages / "config" / "__init__.py")
    assert origins == [
        str(installed_site.site_packages / "config" / "templates" / name) for name in names
    ]
