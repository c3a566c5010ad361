from __future__ import annotations

from rest_framework.routers import SimpleRouter

from calls.api import views

router = SimpleRouter()
router.register("calls", views.CallViewSet, basename="call")

urlpatterns = router.urls
