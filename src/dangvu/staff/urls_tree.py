"""URL patterns of the organization tree's Excel import and export; included under "to-chuc/excel/"."""

from django.urls import path

from . import views_tree

urlpatterns = [
    path("nhap/", views_tree.import_page, name="tree_excel_import"),
    path("mau/", views_tree.template_download, name="tree_excel_template"),
    path("xuat/", views_tree.export, name="tree_excel_export"),
    path("nhap/<str:job_id>/", views_tree.job_page, name="tree_excel_job"),
    path("nhap/<str:job_id>/tien-do/", views_tree.job_progress, name="tree_excel_progress"),
    path("nhap/<str:job_id>/ghi/", views_tree.job_confirm, name="tree_excel_confirm"),
    path("nhap/<str:job_id>/tep-loi/", views_tree.job_error_file, name="tree_excel_error_file"),
]
