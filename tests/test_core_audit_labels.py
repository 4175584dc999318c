"""The audit trail in Vietnamese: every action the system records, and every kind of object, has a label; the
audit page and the dashboard show the labels, never the stable keys they are recorded under."""

import ast
import re
from pathlib import Path

import pytest

from dangvu.core.audit_labels import ACTION_LABELS, OBJECT_LABELS
from dangvu.core.models import AuditEvent
from test_access_matrix import world  # noqa: F401  (one object of every kind, built through the actions)

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[1] / "src" / "dangvu"
RAW_KEY = re.compile(r">\s*[a-z_]+\.[a-z_]+(\.[a-z_]+)?\s*<|\([a-z_]+\.[a-z_]+ #")


def test_every_recorded_action_and_object_kind_has_a_label(world):  # noqa: F811
    recorded = set(AuditEvent.objects.values_list("action", "object_type").distinct())
    assert len(recorded) > 20
    assert {action for action, _ in recorded} - set(ACTION_LABELS) == set()
    assert {kind for _, kind in recorded if kind} - set(OBJECT_LABELS) == set()


def test_the_audit_page_and_the_dashboard_speak_vietnamese(client, tree, users, make_member):
    from dangvu.members import actions

    member = make_member(tree["cell_a"], actor=users["office"])
    actions.transfer(users["office"], member, on=member.admitted_on.replace(year=2021), to=tree["cell_b"])
    client.force_login(users["office"])
    for url in ("/nhat-ky/", "/"):
        page = client.get(url, follow=True).content.decode()
        assert "Chuyển sinh hoạt đảng" in page and "Thêm đảng viên" in page, url
        assert not RAW_KEY.search(page), RAW_KEY.search(page).group()
    page = client.get("/nhat-ky/", {"loai": "members.member"}).content.decode()
    assert "Chuyển sinh hoạt đảng" in page and "Thêm hồ sơ người" not in page


def test_a_bare_string_is_not_an_audit_action(tree):
    from dangvu.core import audit

    written = AuditEvent.objects.count()
    with pytest.raises(TypeError, match="not declared"):
        audit.record(None, "member.transfer", tree["ward"])
    with pytest.raises(TypeError, match="not declared"):
        audit.event(None, "made.up")
    assert AuditEvent.objects.count() == written


def test_an_action_is_declared_with_its_label_once():
    from dangvu.core.audit_labels import AuditAction

    with pytest.raises(TypeError):

        class Unlabelled(AuditAction):
            KEY = "unlabelled.key"

    with pytest.raises(ValueError, match="needs a Vietnamese label"):

        class Blank(AuditAction):
            KEY = "blank.key", " "

    with pytest.raises(ValueError, match="declared twice"):

        class Again(AuditAction):
            TRANSFER = "member.transfer", "Chuyển sinh hoạt"

    assert ACTION_LABELS["member.transfer"] == "Chuyển sinh hoạt đảng"


def _audit_calls(path: Path):
    """The calls of `audit.record` / `audit.event` in a module and the `AuditEvent(…)` it builds itself."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name == "AuditEvent" or (
                name in ("record", "event")
                and isinstance(node.func, ast.Attribute)
                and ast.unparse(node.func.value) == "audit"
            ):
                yield name, node


def test_every_audit_write_names_a_declared_action():
    """No code writes a key of its own (a typed string, an f-string): each passes a member of its app's enum,
    and only `core.audit` builds the events, so no recorded key can miss its label."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts or path == SRC / "core" / "audit.py":
            continue
        for name, call in _audit_calls(path):
            where = f"{path.relative_to(SRC)}:{call.lineno}"
            if name == "AuditEvent":
                problems.append(f"{where} builds an AuditEvent itself")
            elif len(call.args) > 1 and isinstance(call.args[1], ast.Constant | ast.JoinedStr):
                problems.append(f"{where} writes {ast.unparse(call.args[1])}")
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "action"
                and isinstance(node.value, ast.Constant)
                and "." in str(node.value.value)
            ):
                problems.append(f"{path.relative_to(SRC)}:{node.value.lineno} passes action={node.value.value!r}")
    assert problems == []


def test_a_merge_is_recorded_under_its_label(tree):
    from datetime import date

    from dangvu.organizations import actions

    actions.merge(None, [tree["cell_b"]], tree["cell_a"], on=date(2023, 1, 1), decision_number="5-QĐ/ĐU")
    assert AuditEvent.objects.get(action="organization.merge").action_label == "Hợp nhất, sáp nhập tổ chức"
