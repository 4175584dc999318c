"""Template context: the main navigation, shaped by role (the office modules for those who read a subtree; a
member's own record, meetings and tasks for a member), only with the parts this installation has."""

from django.urls import NoReverseMatch, reverse

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


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    from dangvu.accounts.scope import READ, scope_for

    scope = scope_for(request.user)
    items = []
    for label, name in NAV if scope.can(READ) or not scope.own_person_ids else MEMBER_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        active = url != "/" and request.path.startswith(url) or request.path == url
        items.append({"label": label, "url": url, "active": active})
    return {"nav_items": items, "unread_notices": _unread_notices(request)}


def _unread_notices(request) -> int:
    """In-app notices (agendas sent ahead, tasks assigned) the user has not opened yet."""
    from dangvu.accounts.scope import scope_for
    from dangvu.meetings.queries import unread_count

    return unread_count(scope_for(request.user))
