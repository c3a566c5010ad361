"""Topics over HTTP: the thesaurus, what is public about a topic, and the watchlist.

Reading needs no sign-in: every answer holds public facts only (the mandates, their
holders, the public register's letters), the same whoever asks. Following a topic is
for company users (engagements.policy, Action.FOLLOW_TOPICS).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from btech.office_time import office_today
from engagements import policy
from engagements.policy import Action
from topics import selectors, services
from topics.api.serializers import CoverageSerializer, TopicRefSerializer, TopicSerializer
from topics.models import Topic
from topics.sections import page_sections
from topics.views import MAX_TOPICS

TOPIC_PARAMETER = OpenApiParameter(
    "topic", OpenApiTypes.STR, many=True, required=True,
    description="A topic's slug or id; repeat for several (at most 20).")


def _coverage(request: Request, topics: list[Topic]) -> dict[str, Any]:
    today = office_today()
    covered = list(Topic.objects.filter(pk__in=selectors.covered_ids(topics)))
    following: set[int] = set()
    if policy.may(request.user, Action.FOLLOW_TOPICS):
        following = {topic.pk for topic in selectors.followed_topics(request.user)}
    return {
        "topics": topics, "covers": covered, "today": today,
        "following": [topic.slug for topic in topics if topic.pk in following],
        "sections": page_sections(covered, request.user, today),
    }


@extend_schema_view(
    list=extend_schema(summary="The topic thesaurus: broad areas and their topics"),
    retrieve=extend_schema(
        summary="Which mandates cover a topic: its mandates with today's holders, their "
                "published letters, open calls for input and upcoming public dialogues",
        parameters=[OpenApiParameter("id", OpenApiTypes.STR, OpenApiParameter.PATH,
                                     description="The topic's id or slug.")],
        responses=CoverageSerializer),
)
class TopicViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]
    serializer_class = TopicSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filterset_class = None
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> Any:
        return Topic.objects.all()

    def list(self, request: Request) -> Response:
        return Response(TopicSerializer(selectors.thesaurus(), many=True).data)

    def _topic(self) -> Topic:
        found = selectors.topics_by_handles([str(self.kwargs["pk"])])
        if not found:
            raise Http404("No such topic.")
        return found[0]

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(CoverageSerializer(_coverage(request, [self._topic()])).data)

    @extend_schema(summary="Which mandates cover several topics together",
                   parameters=[TOPIC_PARAMETER], responses=CoverageSerializer)
    @action(detail=False, methods=["get"])
    def coverage(self, request: Request) -> Response:
        handles = request.query_params.getlist("topic")
        if not handles:
            return Response({"topic": [gettext("Name at least one topic: ?topic=<slug>.")]},
                            status=status.HTTP_400_BAD_REQUEST)
        topics = selectors.topics_by_handles(handles[:MAX_TOPICS])
        if len(topics) < len({h.strip() for h in handles[:MAX_TOPICS] if h.strip()}):
            return Response({"topic": [gettext("No such topic: give slugs or ids from "
                                               "GET /api/v1/topics/.")]},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(CoverageSerializer(_coverage(request, topics)).data)

    @extend_schema(summary="The topics you follow (company users)",
                   responses=TopicRefSerializer(many=True))
    @action(detail=False, methods=["get"], permission_classes=[IsAuthenticated])
    def following(self, request: Request) -> Response:
        self._may_follow(request)
        return Response(TopicRefSerializer(selectors.followed_topics(request.user),
                                           many=True).data)

    @extend_schema(methods=["POST"], summary="Follow a topic: its news come in your weekly "
                                             "topic digest (company users)",
                   request=None, responses={200: TopicRefSerializer(many=True)})
    @extend_schema(methods=["DELETE"], summary="Stop following a topic (company users)",
                   request=None, responses={200: TopicRefSerializer(many=True)})
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def follow(self, request: Request, pk: str | None = None) -> Response:
        self._may_follow(request)
        topic = self._topic()
        user: Any = request.user
        if request.method == "DELETE":
            services.topic_unfollow(user=user, topic=topic)
        else:
            services.topic_follow(user=user, topic=topic)
        return Response(TopicRefSerializer(selectors.followed_topics(user), many=True).data)

    @staticmethod
    def _may_follow(request: Request) -> None:
        if not policy.may(request.user, Action.FOLLOW_TOPICS):
            raise PermissionDenied(gettext("Only a company's users follow topics."))
