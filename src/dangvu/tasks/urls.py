"""URL patterns of the key task pages (prefix "nhiem-vu/")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.task_list, name="tasks_list"),
    path("giao/", views.task_create, name="tasks_create"),
    path("den-han/", views.due, name="tasks_due"),
    path("bao-cao/", views.report, name="tasks_report"),
    path("<int:pk>/", views.task_detail, name="tasks_detail"),
    path("<int:pk>/sua/", views.task_edit, name="tasks_edit"),
    path("<int:pk>/giao-thuc-hien/", views.task_assign, name="tasks_assign"),
    path("<int:pk>/tien-do/", views.task_progress, name="tasks_progress"),
    path("<int:pk>/huy/", views.task_cancel, name="tasks_cancel"),
    path("<int:pk>/minh-chung/<int:update_pk>/", views.evidence, name="tasks_evidence"),
]
