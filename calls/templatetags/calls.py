from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from calls.models import CallForInput

register = template.Library()


@register.simple_tag
def call_status(call: CallForInput, today: dt.date) -> dict[str, Any]:
    """Whether the call is open on `today` (Geneva) and how many days it has left."""
    return {"open": call.is_open(today), "days_left": call.days_left(today)}
