from __future__ import annotations

from django.urls import URLPattern, path

from calls import views

urlpatterns = [
    path("calls/", views.call_list, name="call-list"),
    path("calls/new/", views.call_create, name="call-create"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call-edit"),
    path("calls/<int:pk>/close/", views.call_close, name="call-close"),
    path("calls/<int:pk>/participation/", views.participation_update,
         name="call-participation"),
    path("calls/<int:pk>/follow/", views.call_follow, name="call-follow"),
    path("calls/<int:pk>/submissions/<int:participation_pk>.pdf", views.submission_pdf,
         name="call-submission"),
]

# In the public register's section, also under /fr/ and /es/ (btech/urls.py).
public_urlpatterns: list[URLPattern] = [
    path("public/calls/", views.public_call_list, name="public-call-list"),
    path("public/calls/<int:pk>/", views.public_call_detail, name="public-call-detail"),
]
