"""Dashboard, audit pages and the favicon (the home page is the public news site's, in news.root_urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("nhat-ky/", views.audit_list, name="audit_list"),
]
