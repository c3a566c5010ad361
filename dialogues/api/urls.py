from __future__ import annotations

from rest_framework.routers import SimpleRouter

from dialogues.api import views

router = SimpleRouter()
router.register("dialogues", views.DialogueViewSet, basename="dialogue")
router.register(r"dialogues/(?P<dialogue_pk>[^/]+)/questions", views.QuestionViewSet,
                basename="dialogue-question")
router.register("actions", views.FollowUpActionViewSet, basename="action")
router.register("public/dialogues", views.PublicDialogueViewSet, basename="public-dialogue")

urlpatterns = router.urls
