"""Home, dashboard and audit pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("nhat-ky/", views.audit_list, name="audit_list"),
]
