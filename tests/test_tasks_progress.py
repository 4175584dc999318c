"""Key task progress: a parent's progress is the weighted average of its applicable children, never typed."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.tasks import actions, progress
from dangvu.tasks.models import SourceKind, State, Status, Task

pytestmark = pytest.mark.django_db

TODAY = date(2020, 12, 31)


def make(tree, title, parent=None, weight=1, due=date(2020, 12, 31)):
    return actions.create_task(
        None,
        organization=tree["city"],
        title=title,
        parent=parent,
        weight=weight,
        due_on=due,
        source_kind=SourceKind.RESOLUTION,
        source_document="Nghị quyết số 01-NQ/TU",
        assigned_on=date(2020, 10, 8),
        today=TODAY,
    )


def report(task, percent, on=date(2020, 11, 1)):
    actions.report_progress(None, task, percent=percent, reported_on=on, today=TODAY)


def fresh(task):
    return Task.objects.get(pk=task.pk)


def test_weighted_average_of_children(tree):
    parent = make(tree, "Nhiệm vụ cha")
    a = make(tree, "Con A", parent, weight=3)
    b = make(tree, "Con B", parent, weight=1)
    report(a, 50)
    report(b, 100)
    # (3 × 50 + 1 × 100) / 4 = 62.5
    assert fresh(parent).progress == pytest.approx(62.5)
    assert fresh(parent).status == Status.IN_PROGRESS
    actions.update_task(None, fresh(b), weight=3)
    assert fresh(parent).progress == pytest.approx(75)


def test_not_applicable_and_cancelled_children_are_left_out(tree):
    parent = make(tree, "Nhiệm vụ cha")
    a = make(tree, "Con A", parent)
    b = make(tree, "Con B", parent)
    c = make(tree, "Con C", parent, weight=5)
    report(a, 100)
    assert fresh(parent).progress == pytest.approx(100 / 7)
    actions.update_task(None, fresh(c), not_applicable=True)
    assert fresh(parent).progress == pytest.approx(50)
    actions.cancel_task(None, fresh(b), reason="Không còn phù hợp")
    parent = fresh(parent)
    assert parent.progress == pytest.approx(100)
    assert parent.status == Status.DONE and parent.done_on == date(2020, 11, 1)


def test_parent_progress_is_never_entered_by_hand(tree):
    parent = make(tree, "Nhiệm vụ cha")
    make(tree, "Con", parent)
    with pytest.raises(RuleViolation, match="không nhập tay"):
        report(parent, 80)
    assert "không nhập tay" in progress.RULE_TEXT


def test_a_task_without_children_takes_its_last_update(tree):
    lone = make(tree, "Nhiệm vụ đơn")
    assert fresh(lone).progress == 0 and fresh(lone).status == Status.NOT_STARTED
    report(lone, 30, date(2020, 10, 20))
    report(lone, 70, date(2020, 11, 20))
    assert fresh(lone).progress == 70
    # a parent whose only child is not applicable counts as a task without children
    child = make(tree, "Con", lone)
    assert fresh(lone).progress == 0
    actions.update_task(None, child, not_applicable=True)
    assert fresh(lone).progress == 70


def test_deep_tree_rolls_up_every_level(tree):
    root = make(tree, "Gốc")
    mid = make(tree, "Giữa", root, weight=2)
    other = make(tree, "Nhánh khác", root, weight=2)
    leaf1 = make(tree, "Lá 1", mid)
    leaf2 = make(tree, "Lá 2", mid)
    deep = make(tree, "Cháu của lá 2", leaf2)
    report(deep, 40)
    assert fresh(leaf2).progress == pytest.approx(40)
    assert fresh(mid).progress == pytest.approx(20)
    assert fresh(root).progress == pytest.approx(10)
    report(leaf1, 100)
    report(deep, 100, date(2020, 12, 1))
    report(other, 100, date(2020, 12, 20))
    root = fresh(root)
    assert root.progress == pytest.approx(100)
    assert root.status == Status.DONE and root.done_on == date(2020, 12, 20)


def test_overdue_is_derived_from_the_due_date(tree):
    task = make(tree, "Có hạn", due=date(2020, 11, 30))
    assert task.state_on(date(2020, 11, 30)) == State.NOT_STARTED
    assert task.state_on(date(2020, 12, 1)) == State.OVERDUE
    report(task, 100, date(2020, 12, 10))
    task = fresh(task)
    assert task.state_on(date(2020, 12, 5)) == State.OVERDUE
    assert task.state_on(date(2020, 12, 31)) == State.DONE_LATE


def test_bad_input_is_refused_with_a_message(tree):
    task = make(tree, "Nhiệm vụ")
    with pytest.raises(RuleViolation, match="từ 0 đến 100"):
        report(task, 120)
    with pytest.raises(RuleViolation, match="tương lai"):
        actions.report_progress(None, task, percent=10, reported_on=date(2021, 1, 5), today=TODAY)
    with pytest.raises(RuleViolation, match="Trọng số"):
        make(tree, "Con", task, weight=0)
    with pytest.raises(RuleViolation, match="sau hạn của nhiệm vụ cha"):
        make(tree, "Con", task, due=date(2021, 3, 1))
    with pytest.raises(RuleViolation, match="trước ngày giao"):
        actions.create_task(
            None,
            organization=tree["city"],
            title="X",
            source_kind=SourceKind.RESOLUTION,
            source_document="NQ 1",
            assigned_on=date(2020, 10, 8),
            due_on=date(2020, 10, 1),
        )
    with pytest.raises(RuleViolation, match="không được để trống"):
        make(tree, "   ")
    assert Task.objects.count() == 1
