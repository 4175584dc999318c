"""URL patterns of the reports pages (prefix "bao-cao/")."""

from django.urls import path

app_name = "reports"

urlpatterns: list = []
