from __future__ import annotations

from rest_framework.routers import SimpleRouter

from engagements.api import views

router = SimpleRouter()
router.register("communications", views.CommunicationViewSet, basename="communication")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")
router.register("public/communications", views.PublicCommunicationViewSet,
                basename="public-communication")

urlpatterns = router.urls
