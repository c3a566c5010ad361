from __future__ import annotations

from django.urls import URLPattern, path, register_converter

from publication import views
from publication.permalinks import ReferenceSlugConverter

register_converter(ReferenceSlugConverter, "reference")

# OHCHR staff's publication page of a letter, beside the letter's own page.
urlpatterns = [
    path("letters/<int:pk>/publication/", views.letter_publication, name="letter-publication"),
    path("letters/<int:pk>/publication/versions/", views.public_version_upload,
         name="public-version-upload"),
    path("letters/<int:pk>/publication/versions/<int:version_pk>.pdf",
         views.public_version_pdf, name="public-version-pdf"),
    path("letters/<int:pk>/publication/versions/<int:version_pk>/approve/",
         views.public_version_approve, name="public-version-approve"),
    path("letters/<int:pk>/publication/withhold/", views.reply_withhold, name="reply-withhold"),
    path("letters/<int:pk>/publication/withhold/<int:withheld_pk>/release/",
         views.reply_release, name="reply-release"),
    path("letters/<int:pk>/publication/related/", views.related_link, name="related-link"),
    path("letters/<int:pk>/publication/related/<int:related_pk>/remove/",
         views.related_unlink, name="related-unlink"),
    path("letters/<int:pk>/publication/states/", views.state_letter_add,
         name="state-letter-add"),
    path("letters/<int:pk>/publication/states/<int:state_pk>/remove/",
         views.state_letter_remove, name="state-letter-remove"),
]

# The public register, also served under /fr/ and /es/ (btech/urls.py): a published
# letter can be linked in a language.
public_urlpatterns: list[URLPattern] = [
    path("public/", views.public_list, name="public-list"),
    path("public/export.csv", views.public_export_csv, name="public-export-csv"),
    path("public/feed/", views.public_feed, name="public-feed"),
    path("public/stats/", views.public_stats, name="public-stats"),
    path("public/<int:pk>/", views.public_detail, name="public-detail"),
    path("public/<reference:slug>/", views.public_permalink, name="public-permalink"),
    path("public/<reference:slug>/letter.pdf", views.public_letter_pdf,
         name="public-letter-pdf"),
    path("public/<reference:slug>/replies/<int:response_pk>.pdf", views.public_reply_pdf,
         name="public-reply-pdf"),
]
