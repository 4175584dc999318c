"""URL patterns of the Excel import and export of members; included under "dang-vien/excel/"."""

from django.urls import path

from . import views_excel

urlpatterns = [
    path("nhap/", views_excel.import_page, name="members_excel_import"),
    path("mau/", views_excel.template_download, name="members_excel_template"),
    path("xuat/", views_excel.export, name="members_excel_export"),
    path("nhap/<str:job_id>/", views_excel.job_page, name="members_excel_job"),
    path("nhap/<str:job_id>/tien-do/", views_excel.job_progress, name="members_excel_progress"),
    path("nhap/<str:job_id>/ghi/", views_excel.job_confirm, name="members_excel_confirm"),
    path("nhap/<str:job_id>/tep-loi/", views_excel.job_error_file, name="members_excel_error_file"),
]
