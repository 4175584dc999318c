"""Member registry pages."""

from django.urls import include, path

from . import views, views_people

urlpatterns = [
    path("excel/", include("dangvu.members.urls_excel")),
    path("", views.member_list, name="member_list"),
    path("them/", views.member_create, name="member_create"),
    path("cua-toi/", views.my_record, name="member_mine"),
    path("nguoi-ngoai/", views_people.outsider_list, name="outsider_list"),
    path("nguoi-ngoai/them/", views_people.outsider_create, name="outsider_create"),
    path("nguoi-ngoai/<int:pk>/sua/", views_people.outsider_edit, name="outsider_edit"),
    path("<int:pk>/", views.member_detail, name="member_detail"),
    path("<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("<int:pk>/<slug:kind>/", views.member_event, name="member_event"),
]
