from __future__ import annotations

from rest_framework.routers import SimpleRouter

from mandates.api import views

router = SimpleRouter()
router.register("mandates", views.MandateViewSet, basename="mandate")
router.register("mandate-holders", views.MandateHolderViewSet, basename="mandate-holder")

urlpatterns = router.urls
