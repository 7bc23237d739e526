"""Migration search/0028, which adds patients' lay words to the synonym list: editors' own rows
and terms are kept both ways."""

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
