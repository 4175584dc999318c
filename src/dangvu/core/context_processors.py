"""Template context: the main navigation, shaped by role (the office modules for those who read a subtree; a
member's own record, meetings and tasks for a member), only with the parts this installation has."""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, reverse

NAV = [
    ("Tổng quan", "dashboard"),
    ("Tổ chức", "organization_tree"),
    ("Đảng viên", "member_list"),
    ("Kết nạp", "admission_candidate_list"),
    ("Chuyển sinh hoạt", "transfers_list"),
    ("Công tác", "work_home"),
    ("Báo cáo", "reports:home"),
    ("Hội nghị", "meetings_list"),
    ("Nhiệm vụ", "tasks_list"),
    ("Xếp loại", "rating_list"),
    ("Đảng phí", "dues_home"),
    ("Tin tức", "news_admin_list"),
    ("Nhật ký", "audit_list"),
    ("Tài khoản", "staff_user_list"),
]
# A member (no subtree to read): their record, the meetings they are called to, the tasks given to them.
MEMBER_NAV = [
    ("Hồ sơ của tôi", "member_mine"),
    ("Hội nghị", "meetings_list"),
    ("Nhiệm vụ", "tasks_list"),
]


def navigation(request) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    from dangvu.accounts.scope import READ, scope_for

    scope = scope_for(request.user)
    member = not scope.can(READ) and bool(scope.own_person_ids)
    items = [
        {"label": label, "url": url, "active": url != "/" and request.path.startswith(url) or request.path == url}
        for label, url in _links(member, settings.ROOT_URLCONF, get_script_prefix())
    ]
    return {"nav_items": items, "unread_notices": _unread_notices(scope)}


@functools.cache
def _links(member: bool, urlconf: str, prefix: str) -> tuple[tuple[str, str], ...]:
    """The menu's labels and addresses (reversed once per process and address book)."""
    found = []
    for label, name in MEMBER_NAV if member else NAV:
        try:
            found.append((label, reverse(name, urlconf=urlconf)))
        except NoReverseMatch:
            continue
    return tuple(found)


def _unread_notices(scope) -> int:
    """In-app notices (agendas sent ahead, tasks assigned) the user has not opened yet: kept per scope until
    the data changes (sending and opening a notice are changes: dangvu.core.cache)."""
    from dangvu.meetings.queries import unread_count

    from .cache import kept

    recipients = (sorted(scope.own_person_ids), sorted({m.organization_id for m in scope.mandates}))
    return kept("unread", str(recipients), lambda: unread_count(scope))
