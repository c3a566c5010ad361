from __future__ import annotations

from rest_framework.routers import SimpleRouter

from webhooks.api import views

router = SimpleRouter()
router.register("webhooks", views.WebhookEndpointViewSet, basename="webhook")

urlpatterns = router.urls
