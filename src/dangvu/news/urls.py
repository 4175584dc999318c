"""URL patterns of the news pages (prefix "tin-tuc/"): the public list, categories, articles and images, and
the editors' pages under "bien-tap/"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.public_list, name="news_list"),
    path("chuyen-muc/<slug:slug>/", views.public_category, name="news_category"),
    path("anh/<int:pk>/", views.public_image, name="news_image"),
    path("bien-tap/", views.admin_list, name="news_admin_list"),
    path("bien-tap/viet-tin/", views.admin_create, name="news_admin_create"),
    path("bien-tap/tu-hoi-nghi/<int:meeting_pk>/", views.admin_from_meeting, name="news_admin_from_meeting"),
    path("bien-tap/<int:pk>/", views.admin_detail, name="news_admin_detail"),
    path("bien-tap/<int:pk>/sua/", views.admin_edit, name="news_admin_edit"),
    path("bien-tap/<int:pk>/gui-duyet/", views.admin_submit, name="news_admin_submit"),
    path("bien-tap/<int:pk>/dang/", views.admin_publish, name="news_admin_publish"),
    path("bien-tap/<int:pk>/go/", views.admin_withdraw, name="news_admin_withdraw"),
    path("bien-tap/<int:pk>/ve-ban-nhap/", views.admin_to_draft, name="news_admin_to_draft"),
    path("bien-tap/<int:pk>/anh/", views.admin_image_add, name="news_admin_image_add"),
    path("bien-tap/<int:pk>/anh/<int:image_pk>/", views.admin_image, name="news_admin_image"),
    path("bien-tap/<int:pk>/anh/<int:image_pk>/xoa/", views.admin_image_remove, name="news_admin_image_remove"),
    path("<int:pk>-<slug:slug>/", views.public_article, name="news_article"),
    path("<int:pk>/", views.public_article, name="news_article_short"),
]
