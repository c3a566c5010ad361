from __future__ import annotations

from django.urls import path

from topics import views

urlpatterns = [
    path("topics/", views.topic_index, name="topic-index"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/follow/", views.topic_follow, name="topic-follow"),
]
