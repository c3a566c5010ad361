from __future__ import annotations

from rest_framework.routers import SimpleRouter

from topics.api import views

router = SimpleRouter()
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = router.urls
