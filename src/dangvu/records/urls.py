"""URL patterns of the records, under "ho-so/"."""

from django.urls import path

from . import views

urlpatterns = [
    path("chua-co-the/", views.without_card, name="records_without_card"),
    path("suc-khoe-du-lieu/", views.health, name="records_health"),
    path("doi-chieu/", views.crosscheck, name="records_crosscheck"),
    path("so-danh-sach.<str:fmt>", views.member_book, name="records_book"),
    path("dang-vien/<int:member_pk>/", views.record_edit, name="records_edit"),
    path("dang-vien/<int:member_pk>/phieu.<str:fmt>", views.member_sheet, name="records_sheet"),
    path("the/cap/<int:member_pk>/", views.card_issue, name="records_card_issue"),
    path("the/<int:pk>/bao/", views.card_report, name="records_card_report"),
    path("the/<int:pk>/cap-lai/", views.card_reissue, name="records_card_reissue"),
]
