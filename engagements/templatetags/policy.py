"""The permission policy in templates: `{% permissions letter as can %}`, then
`{% if can.add_note %}`. Without a letter, what the user may do at all
(`{% permissions as can %}`, `can.view_board`)."""

from __future__ import annotations

from django import template

from engagements import policy
from engagements.models import Communication

register = template.Library()


@register.simple_tag(takes_context=True)
def permissions(context: template.Context,
                letter: Communication | None = None) -> dict[str, bool]:
    return policy.permissions(context.get("user"), letter)
