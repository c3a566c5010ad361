from __future__ import annotations

from django.urls import path

from mandates import views

urlpatterns = [
    path("mandates/", views.mandate_list, name="mandate-list"),
    path("mandates/<int:pk>/", views.mandate_detail, name="mandate-detail"),
]
