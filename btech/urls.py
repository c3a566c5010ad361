from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.views import language_set
from calls.urls import public_urlpatterns as public_call_urlpatterns
from dialogues.urls import public_urlpatterns as public_dialogue_urlpatterns
from imports.admin_views import import_letters_view
from publication.urls import public_urlpatterns

# The site's titles and sign-in form: btech/admin_site.py.

urlpatterns = [
    # Importing existing letters from a file, beside the letters' admin list.
    path("admin/engagements/communication/import/",
         admin.site.admin_view(import_letters_view), name="admin-letters-import"),
    path("admin/", admin.site.urls),
    # The REST API for company systems and OHCHR tools.
    path("api/v1/", include("btech.api.urls")),
    # The language switcher of every page (btech/i18n.py).
    path("language/", language_set, name="set-language"),
    # The web app: sign-in pages, letters, board, register, mandates, calendar feed.
    path("", include("accounts.urls")),
    path("", include("mandates.urls")),
    path("", include("topics.urls")),
    path("", include("engagements.urls")),
    path("", include("webhooks.urls")),
    # Public versions, withheld replies and related letters (OHCHR staff).
    path("", include("publication.urls")),
    # Calls for input: pages for signed-in users (the public ones are below).
    path("", include("calls.urls")),
    # Dialogues, their questions and follow-up actions.
    path("", include("dialogues.urls")),
    # One search box over everything the reader may see.
    path("", include("search.urls")),
    # The reminder planner's health check.
    path("", include("reminders.urls")),
    # The public register: /public/... in English, /fr/public/... and /es/public/... in
    # French and Spanish, whatever the reader's own language.
    *i18n_patterns(path("", include(public_urlpatterns)), prefix_default_language=False),
    *i18n_patterns(path("", include(public_call_urlpatterns)), prefix_default_language=False),
    *i18n_patterns(path("", include(public_dialogue_urlpatterns)),
                   prefix_default_language=False),
]
