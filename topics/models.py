"""The topic thesaurus: the risks the engagement is about, in two levels.

Letters, mandates, dialogues, questions and calls for input carry topics, so that a
company can ask "which mandates cover my risk" and follow what is new on it. Two levels
are enough: a broad area ("Privacy and surveillance") and the risks within it
("Mass surveillance and facial recognition"). A parent is a topic too and may be
carried directly.
"""

from __future__ import annotations

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_value


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
