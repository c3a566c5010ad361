from django.contrib import admin
from django.urls import include, path

# The site's titles and sign-in form: btech/admin_site.py.

urlpatterns = [
    path("admin/", admin.site.urls),
    # The REST API for company systems and OHCHR tools.
    path("api/v1/", include("btech.api.urls")),
    # The web app: sign-in pages, letters, board, register, mandates, calendar feed.
    path("", include("accounts.urls")),
    path("", include("mandates.urls")),
    path("", include("engagements.urls")),
    # The reminder planner's health check.
    path("", include("reminders.urls")),
]
