from __future__ import annotations

from rest_framework.routers import SimpleRouter

from companies.api import views

router = SimpleRouter()
router.register("companies", views.CompanyViewSet, basename="company")
router.register("contacts", views.ContactViewSet, basename="contact")

urlpatterns = router.urls
