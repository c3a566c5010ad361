from __future__ import annotations

from django.urls import URLPattern, path

from dialogues import views

urlpatterns = [
    path("dialogues/", views.dialogue_list, name="dialogue-list"),
    path("dialogues/<int:pk>/", views.dialogue_detail, name="dialogue-detail"),
    path("dialogues/<int:pk>/documents/<int:document_pk>.pdf", views.document_pdf,
         name="dialogue-document"),
    path("dialogues/<int:pk>/questions/<int:question_pk>/answer/", views.question_answer,
         name="question-answer"),
    path("actions/", views.action_list, name="action-list"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("letters/<int:pk>/replies/<int:response_pk>/commitment/", views.commitment_record,
         name="commitment-record"),
]

# On the public register, in English, French and Spanish (btech/urls.py).
public_urlpatterns: list[URLPattern] = [
    path("public/dialogues/", views.public_dialogue_list, name="public-dialogue-list"),
    path("public/dialogues/<int:pk>/", views.public_dialogue_detail,
         name="public-dialogue-detail"),
]
