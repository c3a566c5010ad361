from __future__ import annotations

from django.urls import path

from webhooks import views

urlpatterns = [
    path("webhooks/", views.endpoint_list, name="webhook-list"),
    path("webhooks/<int:pk>/switch/", views.endpoint_switch, name="webhook-switch"),
    path("webhooks/<int:pk>/rotate/", views.endpoint_rotate, name="webhook-rotate"),
    path("webhooks/<int:pk>/remove/", views.endpoint_remove, name="webhook-remove"),
]
