"""Rating pages under /xep-loai/."""

from django.urls import path

from . import views, views_documents, views_import

urlpatterns = [
    path("", views.round_list, name="rating_list"),
    path("mo-dot/", views.round_create, name="rating_round_create"),
    path("<int:pk>/", views.round_detail, name="rating_round"),
    path("<int:pk>/chi-bo/<int:cell_id>/", views.cell_detail, name="rating_cell"),
    path("<int:pk>/quyet-dinh/<int:deciding_id>/", views.decide_members, name="rating_decide_members"),
    path(
        "<int:pk>/quyet-dinh-to-chuc/<int:deciding_id>/", views.decide_organizations, name="rating_decide_organizations"
    ),
    path("dang-vien/<int:pk>/<slug:slug>/", views.member_step, name="rating_member_step"),
    path("to-chuc/<int:pk>/tu-kiem-diem/", views.organization_self, name="rating_organization_self"),
    path("<int:pk>/nhap-ket-qua/", views_import.import_page, name="rating_import"),
    path("nhap-ket-qua/<str:job_id>/", views_import.job_page, name="rating_import_job"),
    path("nhap-ket-qua/<str:job_id>/tien-do/", views_import.job_progress, name="rating_import_progress"),
    path("nhap-ket-qua/<str:job_id>/ghi/", views_import.job_confirm, name="rating_import_confirm"),
    path("nhap-ket-qua/<str:job_id>/tep-loi/", views_import.job_error_file, name="rating_import_error_file"),
    path("<int:pk>/so-xep-loai.xlsx", views_documents.book, name="rating_book"),
    path("<int:pk>/quyet-dinh/<int:deciding_id>/van-ban.docx", views_documents.decision, name="rating_decision_docx"),
    path("dang-vien/<int:pk>/ban-kiem-diem.docx", views_documents.member_form, name="rating_member_form"),
    path("to-chuc/<int:pk>/bao-cao.docx", views_documents.organization_report, name="rating_organization_report"),
]
