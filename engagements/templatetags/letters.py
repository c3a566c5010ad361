"""Template helpers for letters: the deadline badge and the words beside it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

from btech.office_time import office_date
from engagements.models import Communication
from engagements.presentation import days_remaining_words

register = template.Library()


@register.simple_tag
def deadline_badge(letter: Communication, today: dt.date) -> SafeString:
    """A coloured badge that reads as a phrase: "Due in 6 days", "Overdue by 3 days",
    "Replied on time".

    The colour is never the only signal: the words say the same thing. The status's own
    name ("Due soon") is left out, as the days say it ("Due soon due in 6 days").
    """
    status = letter.deadline_status(today)
    return format_html(
        '<span class="badge badge--{} status--{}">{}</span>',
        status.value, status.value, capfirst(days_remaining_words(letter, today)),
    )


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters changed, e.g. for pagination."""
    query: QueryDict = context["request"].GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = str(value)
    return query.urlencode()


@register.filter
def percent_width(value: int) -> str:
    """A bar's width as a CSS percentage, clamped to 0-100."""
    return f"{max(0, min(100, int(value)))}%"


# Filters shown at once; the rest wait behind "More filters" to keep phones usable.
PRIMARY_FILTERS = ("q", "deadline_status", "company", "mandate", "letter_type", "language",
                   "year")


@register.simple_tag
def filter_groups(form: Any) -> dict[str, Any]:
    """The filter form's fields split into the ones shown and the ones folded away.

    Date filters become the browser's date picker (the shared filterset is also used by
    the API, so its widgets stay plain).
    """
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.DateInput):
            field.widget.input_type = "date"
        if getattr(field, "empty_label", None) is not None:
            field.empty_label = gettext("Most urgent first") if name == "ordering" else gettext(
                "Any")
            if not isinstance(field, forms.ModelChoiceField):
                # django-filter's choice iterator kept the old label: rebuild it.
                field.choices = [choice for choice in field.choices if choice[0] != ""]
        if name == "ordering":
            field.label, field.help_text = gettext("Order by"), ""
        if name == "q" and field.help_text:
            # A hint inside the box keeps the filter fields in line.
            field.widget.attrs["placeholder"] = field.help_text
            field.help_text = ""
        if name == "deadline_status":
            field.help_text = ""  # the API takes several; this page offers one at a time
        if name == "language":
            field.help_text = ""  # the codes are for the API; the page offers the names
    fields = list(form.visible_fields())
    more = [field for field in fields if field.name not in PRIMARY_FILTERS]
    primary = sorted((field for field in fields if field.name in PRIMARY_FILTERS),
                     key=lambda field: PRIMARY_FILTERS.index(field.name))
    return {
        "primary": primary,
        "more": more,
        "more_in_use": any(field.value() not in (None, "", []) for field in more),
    }


@register.filter(expects_localtime=True)
def short_date(day: dt.date | None) -> str:
    """A date in a table or a list: "13 May 2026" in English, "13 mai 2026" in French.

    The format is itself a message, so that each language writes its short month its
    own way (French and Spanish use "N", the abbreviation with its full stop)."""
    if day is None:
        return ""
    # Translators: a PHP-style date format (Django's "date" filter), for dates in tables:
    # j is the day, M the month as three letters, N the month's usual abbreviation, Y the
    # year.
    return date_format(day, pgettext("date format: day, short month and year", "j M Y"))


@register.filter
def office_day(instant: dt.datetime | None) -> dt.date | None:
    """The Geneva date of a stored instant (an acknowledgement, a handover), as every
    date on the pages is a Geneva date."""
    return office_date(instant) if instant is not None else None


@register.filter
def share_width(value: float | None, largest: float | None) -> str:
    """A bar's width for `value` out of `largest` (the longest bar), as a CSS
    percentage."""
    if not value or not largest:
        return "0%"
    return percent_width(round(100 * value / largest))
