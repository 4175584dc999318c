"""Organization tree and pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.tree, name="organization_tree"),
    path("<slug:code>/con/", views.tree_children, name="organization_children"),
    path("<slug:code>/", views.detail, name="organization_detail"),
    path("<slug:code>/bien-dong/<slug:kind>/", views.change, name="organization_change"),
    path("<slug:code>/chuc-danh/them/", views.position_create, name="position_create"),
]
