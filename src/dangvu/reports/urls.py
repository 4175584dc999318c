"""URL patterns of the reports pages (included under "bao-cao/", namespace "reports")."""

from django.urls import path

from . import views, views_reports, views_templates

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("chi-tieu/", views.indicators, name="indicators"),
    path("chi-tieu/<str:key>/", views.indicator_records, name="records"),
    path("tong-hop/", views.consolidation, name="consolidation"),
    path("lap/", views_reports.create, name="create"),
    path("mau/", views_templates.kind_list, name="kinds"),
    path("mau/<slug:code>/", views_templates.kind_edit, name="kind_edit"),
    path("mau/<slug:code>/muc/<int:section_id>/", views_templates.section_edit, name="section_edit"),
    path("mau/<slug:code>/word/", views_templates.template_download, name="template_download"),
    path("mau/<slug:code>/tai-len/", views_templates.template_upload, name="template_upload"),
    path("so-van-ban/", views.register_page, name="register"),
    path("<int:pk>/", views_reports.detail, name="detail"),
    path("<int:pk>/sua/", views_reports.edit, name="edit"),
    path("<int:pk>/noi-dung/<slug:slot>/", views_reports.narrative, name="narrative"),
    path("<int:pk>/noi-dung/<slug:slot>/lich-su/", views_reports.narrative_history, name="narrative_history"),
    path("<int:pk>/word/", views_reports.download_docx, name="docx"),
    path("<int:pk>/pdf/", views_reports.download_pdf, name="pdf"),
    path("<int:pk>/<slug:step>/", views_reports.lifecycle, name="lifecycle"),
]
