"""URL patterns of transfers, under "chuyen-sinh-hoat/"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.transfer_list, name="transfers_list"),
    path("den-han/", views.due, name="transfers_due"),
    path("tiep-nhan-ngoai/", views.arrival, name="transfers_arrival"),
    path("de-nghi/<int:member_pk>/", views.transfer_request, name="transfers_request"),
    path("so/<slug:code>/<int:year>/", views.letter_register, name="transfers_register"),
    path("<int:pk>/", views.transfer_detail, name="transfers_detail"),
    path("<int:pk>/giay.<str:fmt>", views.letter_document, name="transfers_letter"),
    path("<int:pk>/<slug:slug>/", views.transfer_step, name="transfers_step"),
]
