"""URL map: each app's pages under its own prefix."""

from django.urls import include, path

from dangvu.members import views_people
from dangvu.organizations import views as organization_views
from dangvu.work.views import oversight as work_oversight_views

urlpatterns = [
    # The pickers' type-ahead lists (JSON), outside the apps' prefixes so that no code or number shadows them.
    path("tim/to-chuc/", organization_views.pick, name="organization_pick"),
    path("tim/nguoi/", views_people.pick, name="person_pick"),
    path("tim/noi-dung-chuong-trinh/", work_oversight_views.programme_item_pick, name="work_programme_item_pick"),
    path("tim/cuoc-kiem-tra/", work_oversight_views.oversight_pick, name="work_oversight_pick"),
    path("", include("dangvu.core.urls")),
    path("", include("dangvu.accounts.urls")),
    path("to-chuc/excel/", include("dangvu.staff.urls_tree")),
    path("to-chuc/", include("dangvu.organizations.urls")),
    path("dang-vien/", include("dangvu.members.urls")),
    path("ket-nap/", include("dangvu.admission.urls")),
    path("cong-tac/", include("dangvu.work.urls")),
    path("bao-cao/", include("dangvu.reports.urls")),
    path("hoi-nghi/", include("dangvu.meetings.urls")),
    path("nhiem-vu/", include("dangvu.tasks.urls")),
    path("tin-tuc/", include("dangvu.news.urls")),
    path("chuyen-sinh-hoat/", include("dangvu.transfers.urls")),
    path("ho-so/", include("dangvu.records.urls")),
    path("xep-loai/", include("dangvu.rating.urls")),
    path("dang-phi/", include("dangvu.dues.urls")),
    path("", include("dangvu.news.root_urls")),
    path("tai-khoan/", include("dangvu.staff.urls")),
]
