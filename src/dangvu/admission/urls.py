"""URL patterns of the admission pipeline, under "ket-nap/"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.candidate_list, name="admission_candidate_list"),
    path("them/", views.candidate_create, name="admission_candidate_create"),
    path("ket-nap-lai/<int:member_pk>/", views.readmission_create, name="admission_readmission"),
    path("den-han/", views.due, name="admission_due"),
    path("<int:pk>/", views.candidate_detail, name="admission_candidate_detail"),
    path("<int:pk>/<slug:slug>/", views.candidate_step, name="admission_candidate_step"),
]
