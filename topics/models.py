"""The topic thesaurus: the risks the engagement is about, in two levels.

Letters, mandates, dialogues, questions and calls for input carry topics, so that a
company can ask "which mandates cover my risk" and follow what is new on it. Two levels
are enough: a broad area ("Privacy and surveillance") and the risks within it
("Mass surveillance and facial recognition"). A parent is a topic too and may be
carried directly.
"""

from __future__ import annotations

import re

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_value
from reminders.models import DeliveryState, OutboxMessage

# What a topic's slug (or id) can be in an address or a filter: anything else names no
# topic, and is refused before it reaches a query (PostgreSQL text cannot hold a NUL).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


class TopicQuerySet(models.QuerySet["Topic"]):
    def with_children(self) -> TopicQuerySet:
        """These topics and, for a broad area, every topic under it: what a page about
        an area covers (two levels, so one step down is all there is)."""
        ids = self.values("pk")
        return Topic.objects.filter(models.Q(pk__in=ids) | models.Q(parent_id__in=ids))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Topic(models.Model):
    # The stable handle in URLs and the API filter (`?topic=artificial-intelligence`).
    slug = models.SlugField(max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text=_("The broader area this topic belongs to; blank for an area itself."),
    )
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True,
                                   help_text=_("What the topic covers, in a sentence or two."))
    # The same texts in the product's other languages, blank until written (the English
    # then shows), as for mandates: README, "Languages".
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    description_es = models.TextField(_("description in Spanish"), blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order among its siblings in lists (smallest first)."))

    TRANSLATED_FIELDS = ("name", "description")

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return translated_value(self, "name")

    @property
    def display_description(self) -> str:
        return translated_value(self, "description")

    def clean(self) -> None:
        # Two levels: a topic's parent must itself be an area (have no parent), and a
        # topic with children cannot be moved under another.
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": gettext("A topic cannot be its own parent.")})
        parent = Topic.objects.filter(pk=self.parent_id).values("parent_id").first()
        if parent is not None and parent["parent_id"] is not None:
            raise ValidationError({"parent": gettext(
                "Choose a broad area as the parent: topics have two levels.")})
        if self.pk is not None and Topic.objects.filter(parent_id=self.pk).exists():
            raise ValidationError({"parent": gettext(
                "This topic has topics under it, so it must stay a broad area.")})


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class TopicFollow(models.Model):
    """A company user's watchlist entry: they get the weekly topic digest about it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="topic_follows")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "topic"]
        constraints = [
            # Following twice is following once: the toggle and the API may race.
            models.UniqueConstraint(fields=["user", "topic"], name="one_follow_per_topic"),
        ]
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")

    def __str__(self) -> str:
        return f"{self.user} follows {self.topic}"


class TopicDigest(OutboxMessage):
    """The weekly digest of what is new on the topics one company user follows.

    A row of the one outbox (reminders/models.py): planned by the reminder planner's
    pass, delivered by reminders/services.py's generic delivery, its content computed
    when it is sent (topics/digest.py) and cancelled when nothing is new. The unique
    constraint is the duplicate guard: one digest a week per person, whatever the
    number of passes or planners.
    """

    week_of = models.DateField(help_text=_("The digest day of the week it covers."))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="topic_digests")

    class Meta:
        ordering = ["-week_of", "recipient_email"]
        constraints = [
            models.UniqueConstraint(fields=["week_of", "recipient"],
                                    name="one_topic_digest_per_week_and_recipient"),
        ]
        indexes = [
            # The retry list: pending rows by the moment they may go.
            models.Index(fields=["next_attempt_at"], name="topic_digest_pending_next",
                         condition=models.Q(state=DeliveryState.PENDING)),
        ]
        verbose_name = _("topic digest")
        verbose_name_plural = _("topic digests")

    def __str__(self) -> str:
        return f"Topic digest of {self.week_of} to {self.recipient_email}"
