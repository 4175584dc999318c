"""Account pages, under "tai-khoan/"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.user_list, name="staff_user_list"),
    path("tao/", views.user_create, name="staff_user_create"),
    path("chinh-sach/", views.policy, name="staff_policy"),
    path("cua-toi/", views.me, name="staff_me"),
    path("doi-mat-khau/", views.password_change, name="staff_password_change"),
    path("xac-thuc/", views.otp_verify, name="staff_otp_verify"),
    path("xac-thuc/cai-dat/", views.otp_setup, name="staff_otp_setup"),
    path("<int:pk>/", views.user_detail, name="staff_user_detail"),
    path("<int:pk>/giao-quyen/", views.mandate_grant, name="staff_mandate_grant"),
    path("<int:pk>/quyen/<int:mandate_pk>/ket-thuc/", views.mandate_end, name="staff_mandate_end"),
    path("<int:pk>/trang-thai/", views.user_active, name="staff_user_active"),
    path("<int:pk>/dat-lai-mat-khau/", views.password_reset, name="staff_password_reset"),
    path("<int:pk>/tat-xac-thuc/", views.otp_remove, name="staff_otp_remove"),
]
