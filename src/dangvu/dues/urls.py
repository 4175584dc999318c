"""URL patterns of the dues pages (included under "dang-phi/"). Names start with "dues_"."""

from django.urls import path

from . import views, views_imports, views_sheets

urlpatterns = [
    path("", views_sheets.home, name="dues_home"),
    path("nhap-can-cu/", views_imports.import_bases, name="dues_import_bases"),
    path("nhap-can-cu/mau.xlsx", views_imports.bases_template, name="dues_bases_template"),
    path("doi-soat-cong/", views_imports.import_portal, name="dues_import_portal"),
    path("dang-vien/<int:pk>/can-cu/", views.basis, name="dues_basis"),
    path("dang-vien/<int:pk>/mien-giam/", views.decision, name="dues_decision"),
    path("dang-vien/<int:pk>/de-nghi-xoa-ten/", views_sheets.propose, name="dues_propose"),
    path("de-nghi-xoa-ten/<int:pk>/", views_sheets.proposal, name="dues_proposal"),
    path("<slug:code>/tinh/", views_sheets.compute, name="dues_compute"),
    path("<slug:code>/so-thu/", views_sheets.sheet, name="dues_sheet"),
    path("<slug:code>/so-thu.docx", views_sheets.sheet_docx, name="dues_sheet_docx"),
    path("<slug:code>/so-thu.pdf", views_sheets.sheet_pdf, name="dues_sheet_pdf"),
    path("<slug:code>/so-thu.xlsx", views_sheets.sheet_xlsx, name="dues_sheet_xlsx"),
    path("<slug:code>/no-dang-phi/", views_sheets.arrears, name="dues_arrears"),
    path("<slug:code>/nop-cap-tren/", views_sheets.remittance, name="dues_remittance"),
    path("bien-nhan/<int:pk>/", views_sheets.receipt, name="dues_receipt"),
]
