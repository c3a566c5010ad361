from __future__ import annotations

from typing import Any

from rest_framework import serializers

from topics.models import Topic


class TopicRefSerializer(serializers.ModelSerializer[Topic]):
    """A topic where a resource carries it: its id, slug and name in the request's
    language."""

    name = serializers.CharField(source="display_name", read_only=True,
                                 help_text="In the request's Accept-Language.")

    class Meta:
        model = Topic
        fields = ["id", "slug", "name"]
        read_only_fields = fields


class TopicSerializer(serializers.ModelSerializer[Topic]):
    """A topic of the thesaurus: a broad area lists its topics in `children`."""

    name = serializers.CharField(source="display_name", read_only=True,
                                 help_text="In the request's Accept-Language.")
    description = serializers.CharField(source="display_description", read_only=True,
                                        help_text="In the request's Accept-Language.")
    children = serializers.SerializerMethodField(
        help_text="The topics under a broad area (empty for a topic within one).")

    class Meta:
        model = Topic
        fields = ["id", "slug", "name", "description", "parent", "children"]
        read_only_fields = fields

    def get_children(self, obj: Topic) -> list[dict[str, Any]]:
        children = getattr(obj, "children_list", [])
        return list(TopicSerializer(children, many=True, context=self.context).data)


class SectionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    key = serializers.CharField(help_text="mandates, letters, or a section another part "
                                          "of the product adds (topics/sections.py).")
    title = serializers.CharField()
    total = serializers.IntegerField(help_text="How many in all; `items` may list fewer.")
    items = serializers.ListField(child=serializers.DictField(), source="data")


class CoverageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """What is public about one or more topics: the mandates covering them with today's
    holders, their published letters, and the sections other apps add."""

    topics = TopicRefSerializer(many=True, help_text="The topics asked for.")
    covers = TopicRefSerializer(many=True, help_text="The topics asked for and, for a "
                                                     "broad area, every topic under it.")
    today = serializers.DateField(help_text="The Geneva date holders are given for.")
    following = serializers.ListField(
        child=serializers.CharField(),
        help_text="Of the topics asked for, the slugs the signed-in company user follows.")
    sections = SectionSerializer(many=True)
