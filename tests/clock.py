"""For the few tests that must run on the real clock (a browser, a worker process):
never straddle Geneva midnight, when "today" and every deadline step move on."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

GENEVA = ZoneInfo("Europe/Zurich")


def clear_of_geneva_midnight(minutes: int = 5) -> None:
    """If Geneva midnight is less than `minutes` away, sleep until just after it."""
    now = dt.datetime.now(GENEVA)
    next_midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(),
                                        tzinfo=GENEVA)
    wait = (next_midnight - now).total_seconds()
    if wait < minutes * 60:
        time.sleep(wait + 5)
