"""URL patterns of the dues pages (included under "dang-phi/"). Names start with "dues_"."""

from django.urls import path

from . import views

urlpatterns = [
    path("dang-vien/<int:pk>/can-cu/", views.basis, name="dues_basis"),
    path("dang-vien/<int:pk>/mien-giam/", views.decision, name="dues_decision"),
]
