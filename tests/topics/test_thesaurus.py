from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_the_thesaurus_starts_with_the_risks_the_documents_name_in_two_levels():
    ai = Topic.objects.select_related("parent").get(slug="artificial-intelligence")
    assert ai.parent is not None and ai.parent.parent is None
    assert Topic.objects.filter(parent__isnull=False).count() == 16
    with translation.override("fr"):
        assert ai.display_name == "Intelligence artificielle"
    with translation.override("es"):
        assert str(Topic.objects.get(slug="deep-fakes")) == "Ultrafalsos"


def test_a_topic_cannot_sit_under_a_topic_that_already_has_a_parent():
    ai = Topic.objects.get(slug="artificial-intelligence")
    topic = Topic(slug="generative-ai", name="Generative AI", parent=ai)
    with pytest.raises(ValidationError) as error:
        topic.full_clean()
    assert "two levels" in str(error.value.message_dict["parent"])


def test_an_area_with_topics_under_it_cannot_be_moved_under_another():
    area = Topic.objects.get(slug="accountability")
    area.parent = Topic.objects.get(slug="technology-and-society")
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert "must stay a broad area" in str(error.value.message_dict["parent"])
