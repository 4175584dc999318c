"""The audit trail in Vietnamese: every action the system records, and every kind of object, has a label; the
audit page and the dashboard show the labels, never the stable keys they are recorded under."""

import re

import pytest

from dangvu.core.audit_labels import ACTION_LABELS, OBJECT_LABELS
from dangvu.core.models import AuditEvent
from test_access_matrix import world  # noqa: F401  (one object of every kind, built through the actions)

pytestmark = pytest.mark.django_db
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
