"""The organization tree with history: subtrees as of a date, renames, moves, merges and dissolution."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.organizations import actions, queries
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Kind, LineageEvent

pytestmark = pytest.mark.django_db


def codes(qs):
    return sorted(o.code for o in qs)


def test_subtree_and_grassroots(tree):
    assert codes(queries.subtree(tree["city"])) == ["phuly", "qt-cb1", "qt-cb2", "quangtrung", "thpt"]
    assert codes(queries.grassroots(tree["city"])) == ["quangtrung", "thpt"]
    assert [o.code for o in queries.ancestors(tree["cell_a"])] == ["hanam", "phuly", "quangtrung"]


def test_move_keeps_the_old_tree_for_old_dates(tree):
    new_ward = actions.establish(
        None,
        code="phuly-new",
        kind=Kind.COMMUNE,
        parent=tree["province"],
        on=date(2025, 7, 1),
        names=NameSpec("Đảng bộ phường Phủ Lý"),
    )
    actions.move(None, tree["ward"], new_ward, on=date(2025, 7, 1), decision_number="01-QĐ/TU")
    assert "qt-cb1" in codes(queries.subtree(tree["city"], date(2020, 9, 30)))
    assert "qt-cb1" not in codes(queries.subtree(tree["city"]))
    assert "qt-cb1" in codes(queries.subtree(new_ward))
    assert [o.code for o in queries.ancestors(tree["cell_a"], date(2020, 9, 30))] == ["hanam", "phuly", "quangtrung"]
    assert [o.code for o in queries.ancestors(tree["cell_a"])] == ["hanam", "phuly-new", "quangtrung"]
    assert "qt-cb1" in codes(queries.subtree(tree["province"]))


def test_dissolve_needs_an_empty_organization_and_keeps_it_addressable(tree):
    with pytest.raises(RuleViolation, match="còn tổ chức trực thuộc"):
        actions.dissolve(None, tree["city"], on=date(2025, 7, 1))
    actions.dissolve(None, tree["cell_b"], on=date(2021, 1, 1))
    assert "qt-cb2" in codes(queries.subtree(tree["ward"], date(2020, 6, 1)))
    assert "qt-cb2" not in codes(queries.subtree(tree["ward"]))
    tree["cell_b"].refresh_from_db()
    assert tree["cell_b"].dissolved_on == date(2021, 1, 1)


def test_rename_keeps_the_old_name(tree):
    actions.rename(None, tree["school"], on=date(2022, 1, 1), names=NameSpec("Chi bộ Trường THPT A Phủ Lý"))
    assert queries.name_on(tree["school"], date(2021, 5, 5)).name == "Chi bộ Trường THPT Phủ Lý"
    assert queries.name_on(tree["school"], date(2022, 5, 5)).name == "Chi bộ Trường THPT A Phủ Lý"
    assert LineageEvent.objects.filter(organization=tree["school"], type="rename").count() == 1


def test_merge_moves_children_and_ends_the_sources(tree):
    actions.merge(None, [tree["cell_b"]], tree["cell_a"], on=date(2023, 1, 1), decision_number="5-QĐ/ĐU")
    assert codes(queries.subtree(tree["ward"])) == ["qt-cb1", "quangtrung"]
    assert codes(queries.subtree(tree["ward"], date(2022, 1, 1))) == ["qt-cb1", "qt-cb2", "quangtrung"]


def test_cannot_move_under_own_descendant(tree):
    with pytest.raises(RuleViolation):
        actions.move(None, tree["ward"], tree["cell_a"], on=date(2024, 1, 1))
