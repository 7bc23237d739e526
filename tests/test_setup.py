"""Configuration and set-up commands."""

import contextlib
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from archive import red_flags
from archive.models import Category, Question
from config.embedded_db import _forget_dead_handles
from factsheets.models import Factsheet

# The variables README's Deploy section lists as required in production.
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-of-more-than-fifty-characters-0123456789",
    "DATABASE_URL": "postgresql://answers@db.internal:5432/answers",
    "ALLOWED_HOSTS": "answers.example.org",
}


def import_settings(**env):
    """Import the settings module in a fresh interpreter with only `env` set."""
    base = {"PATH": os.environ["PATH"]}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        env=base | env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_is_the_default_and_needs_a_secret_key():
    result = import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_needs_its_host_names():
    result = import_settings(SECRET_KEY="x" * 50, DATABASE_URL="postgres://h/db")
    assert "ALLOWED_HOSTS must name the site's host(s)" in result.stderr


def test_production_needs_a_database_url():
    result = import_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="answers.example")
    assert "DATABASE_URL must be set in production" in result.stderr


def test_a_bad_boolean_is_an_error_not_a_guess():
    result = import_settings(ENVIRONMENT="local", DEBUG="maybe", DATABASE_URL="postgres://x/y")
    assert "DEBUG must be one of" in result.stderr


def test_production_with_its_variables_starts_with_debug_off():
    result = subprocess.run(
        [sys.executable, "-c", "from config import settings; print(settings.DEBUG)"],
        env={"PATH": os.environ["PATH"]} | PRODUCTION_ENV,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "False"


def test_check_deploy_is_silent_with_the_documented_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": os.environ["PATH"]} | PRODUCTION_ENV,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_seeding_twice_changes_nothing(db):
    call_command("seed", verbosity=0)
    first = list(Question.objects.values_list("id", "slug", "answer").order_by("id"))
    call_command("seed", verbosity=0)
    assert list(Question.objects.values_list("id", "slug", "answer").order_by("id")) == first
    assert (Category.objects.count(), Question.objects.count(), Factsheet.objects.count()) == (
        3,
        12,
        1,
    )


def test_seeding_stores_each_questions_red_flag_signs(db):
    call_command("seed", verbosity=0)
    for question in Question.objects.all():
        assert question.red_flags_key == red_flags.finding_key(question.question)
        assert question.red_flags_found == red_flags.found_in(question.question)
    assert Question.objects.exclude(red_flags_found=[]).exists()


def test_seeding_again_keeps_editors_corrections_and_every_value(db):
    call_command("seed", verbosity=0)
    question = Question.objects.get(
        slug="i-have-had-twp-sessions-of-acupucture-to-help-me-with-lower-back-pain"
    )
    question.title = "I have had two sessions of acupuncture to help me with lower back pain"
    question.save()
    before = list(Question.objects.order_by("id").values())
    call_command("seed", verbosity=0)
    assert list(Question.objects.order_by("id").values()) == before


def test_the_demo_editor_is_refused_outside_local_mode(db, settings):
    settings.LOCAL = False
    with pytest.raises(CommandError, match="only in local mode"):
        call_command("create_demo_editor")


def test_processes_that_died_holding_the_embedded_server_are_forgotten(tmp_path):
    handles = tmp_path / "handles.json"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    handles.write_text(json.dumps([os.getpid(), dead.pid]))
    _forget_dead_handles(contextlib.nullcontext(), handles)
    assert json.loads(handles.read_text()) == [os.getpid()]
