"""URL patterns of the meeting pages (prefix "hoi-nghi/")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meetings_list"),
    path("moi/", views.meeting_create, name="meetings_create"),
    path("ke-hoach-nam/", views.plan_year, name="meetings_plan_year"),
    path("chuyen-can/", views.attendance_stats, name="meetings_attendance"),
    path("thong-bao/", views.inbox, name="meetings_inbox"),
    path("thong-bao/<int:notice_pk>/", views.notice_open, name="meetings_notice_open"),
    path("<int:pk>/", views.meeting_detail, name="meetings_detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="meetings_edit"),
    path("<int:pk>/chuong-trinh/", views.agenda_add, name="meetings_agenda_add"),
    path("<int:pk>/chuong-trinh/<int:item_pk>/xoa/", views.agenda_remove, name="meetings_agenda_remove"),
    path("<int:pk>/chuong-trinh/<int:item_pk>/tai-lieu/", views.attachment, name="meetings_attachment"),
    path("<int:pk>/khach-moi/", views.guest_add, name="meetings_guest_add"),
    path("<int:pk>/khach-moi/<int:guest_pk>/", views.guest_edit, name="meetings_guest_edit"),
    path("<int:pk>/diem-danh/", views.roll, name="meetings_roll"),
    path("<int:pk>/ket-luan/", views.outcome, name="meetings_outcome"),
    path("<int:pk>/gui-chuong-trinh/", views.send_agenda, name="meetings_send_agenda"),
    path("<int:pk>/thong-bao-ket-luan/", views.conclusion_notice, name="meetings_conclusion_notice"),
    path("<int:pk>/thong-bao-ket-luan/van-ban/", views.notice_document, name="meetings_notice_document"),
    path("<int:pk>/huy/", views.cancel, name="meetings_cancel"),
]
