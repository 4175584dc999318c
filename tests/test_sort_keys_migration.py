"""The migration that recomputes the stored sort keys (members 0010) brings every organization's, person's and
membership's key to what `core.text.sort_key` gives now, so numbered cells list in their order."""

import importlib

import pytest
from django.apps import apps

from dangvu.core.text import sort_key
from dangvu.members.models import Member, Person
from dangvu.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_migration_recomputes_every_stored_key(tree, make_member):
    member = make_member(tree["cell_a"], family="Trần", given="Bình")
    Organization.objects.update(sort_key="1")
    Person.objects.update(sort_key="1")
    Member.objects.update(sort_key="1")
    importlib.import_module("dangvu.members.migrations.0010_sort_keys_with_numbers").recompute(apps, None)
    cell = Organization.objects.get(pk=tree["cell_a"].pk)
    assert cell.sort_key == sort_key("Chi bộ tổ dân phố số 1")
    person = Person.objects.get(pk=member.person_id)
    assert person.sort_key == sort_key("Bình", person.middle_name, "Trần")
    assert Member.objects.get(pk=member.pk).sort_key == person.sort_key
    names = list(Organization.objects.filter(parent=tree["ward"]).order_by("sort_key").values_list("name", flat=True))
    assert names == ["Chi bộ tổ dân phố số 1", "Chi bộ tổ dân phố số 2"]
