from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.views import language_set
from engagements.urls import public_urlpatterns

# The site's titles and sign-in form: btech/admin_site.py.

urlpatterns = [
    path("admin/", admin.site.urls),
    # The REST API for company systems and OHCHR tools.
    path("api/v1/", include("btech.api.urls")),
    # The language switcher of every page (btech/i18n.py).
    path("language/", language_set, name="set-language"),
    # The web app: sign-in pages, letters, board, register, mandates, calendar feed.
    path("", include("accounts.urls")),
    path("", include("mandates.urls")),
    path("", include("engagements.urls")),
    # One search box over everything the reader may see.
    path("", include("search.urls")),
    # The reminder planner's health check.
    path("", include("reminders.urls")),
    # The public register: /public/... in English, /fr/public/... and /es/public/... in
    # French and Spanish, whatever the reader's own language.
    *i18n_patterns(path("", include(public_urlpatterns)), prefix_default_language=False),
]
