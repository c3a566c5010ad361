"""Mandate holders on the pages: `{% mandate_holders mandate today %}`, the one way the
letter page, the mandate directory and any other page say who holds a mandate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from mandates.models import Mandate

register = template.Library()


@register.inclusion_tag("mandates/_holders.html")
def mandate_holders(mandate: Mandate, day: dt.date, earlier: bool = False) -> dict[str, Any]:
    """Who holds `mandate` on `day`, or who held it last (Mandate.holders_on_record);
    with `earlier`, the former holders too."""
    return {"record": mandate.holders_on_record(day), "show_earlier": earlier}
