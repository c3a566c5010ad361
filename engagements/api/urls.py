from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from engagements.api import feed, views

router = SimpleRouter()
router.register("communications", views.CommunicationViewSet, basename="communication")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")
router.register("public/communications", views.PublicCommunicationViewSet,
                basename="public-communication")

urlpatterns = [
    path("deadlines/feed/", feed.DeadlineFeedView.as_view(), name="deadline-feed"),
    *router.urls,
]
