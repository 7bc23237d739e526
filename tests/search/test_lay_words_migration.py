"""Migrations search/0028 and 0034, which add patients' lay words to the synonym list: editors'
own rows and terms are kept both ways."""

import importlib

import pytest
from django.apps import apps

from search.models import Synonym

pytestmark = pytest.mark.django_db

migration = importlib.import_module("search.migrations.0028_lay_words_of_patients_searches")


def rows():
    return dict(Synonym.objects.values_list("lay_term", "clinical_terms"))


def test_unapplying_deletes_only_the_rows_it_made_as_it_made_them():
    Synonym.objects.filter(lay_term="dizzy").update(clinical_terms="vertigo, Unsteady")
    Synonym.objects.filter(lay_term="bend").update(clinical_terms="bent, bending")  # edited since
    migration.remove(apps, None)
    assert rows()["dizzy"] == "vertigo, Unsteady"  # an editor's row, with their own "Unsteady"
    assert rows()["bend"] == "bent, bending"
    assert "pain killers" not in rows()
    assert "acupuncturist" not in rows()


def test_applying_keeps_the_terms_editors_wrote():
    migration.remove(apps, None)
    Synonym.objects.filter(lay_term="dizzy").update(clinical_terms="vertigo, Unsteady")
    migration.add(apps, None)
    assert rows()["dizzy"] == "vertigo, Unsteady, lightheaded, light-headed"
    assert rows()["pain killers"] == "painkillers"


adding_terms = importlib.import_module("search.migrations.0034_giving_birth_synonym").adding_terms


def test_a_later_list_of_terms_keeps_editors_rows_both_ways():
    add, remove = adding_terms({"dizzy": ["Vertigo", "faint"], "crick": ["torticollis"]})
    Synonym.objects.filter(lay_term="dizzy").update(clinical_terms="vertigo")
    add(apps, None)
    assert rows()["dizzy"] == "vertigo, faint"  # the editor's "vertigo" is not added twice
    assert rows()["crick"] == "torticollis"
    remove(apps, None)
    assert rows()["dizzy"] == "vertigo, faint"
    assert "crick" not in rows()
    add(apps, None)
    Synonym.objects.filter(lay_term="crick").update(clinical_terms="torticollis, wry neck")
    remove(apps, None)
    assert rows()["crick"] == "torticollis, wry neck"  # edited since: an editor's row now
