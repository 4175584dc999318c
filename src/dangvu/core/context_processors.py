"""Template context: the main navigation, only with the parts this installation has."""

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
    ("Tin tức", "news_admin_list"),
    ("Nhật ký", "audit_list"),
]


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = []
    for label, name in NAV:
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
