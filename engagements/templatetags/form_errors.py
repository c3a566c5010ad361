"""The error summary at the top of a page whose form failed (the GOV.UK pattern).

``{% error_summary form other_form %}`` renders ``templates/_error_summary.html``: a
heading and one link per error, to the field at fault (``#<its id>``), named by its
label. static/js/forms.js moves focus to the summary when the page loads; Django marks
each field at fault with ``aria-invalid`` and points its ``aria-describedby`` at the
error. Forms that are unbound or valid add nothing, so a page passes all its forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()


@dataclass(frozen=True)
class SummaryItem:
    target: str  # the id to link to, "" for an error about the whole form
    label: str
    message: str


def field_target(field: forms.BoundField) -> str:
    """The id of the control to focus: the first box of a radio or checkbox group."""
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else ""


def summary_items(*forms_: forms.BaseForm | None) -> list[SummaryItem]:
    items: list[SummaryItem] = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS or name not in form.fields:
                items.extend(SummaryItem("", "", str(message)) for message in errors)
                continue
            field = form[name]
            target = "" if field.is_hidden else field_target(field)
            items.extend(SummaryItem(target, str(field.label or ""), str(message))
                         for message in errors)
    return items


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms_: forms.BaseForm | None) -> dict[str, Any]:
    return {"items": summary_items(*forms_)}
