from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from reminders.models import DeliveryState, PlannerHeartbeat, PlanningError, Reminder
from reminders.planner import HEARTBEAT_NAME
from reminders.queue import broker_reachable


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 while the planner runs on time and the broker answers; 503 when the planner
    has missed two intervals or the broker cannot be reached.

    The broker is asked at once, on every call: while it is down the planner still runs
    (beat's own schedule aside) and writes its rows, but nothing it plans can be queued,
    so the heartbeat alone would say all is well. For a load balancer or an uptime
    monitor: no login, and nothing confidential in it.
    """
    interval = settings.BTECH_REMINDER_PLAN_EVERY_SECONDS
    beat = PlannerHeartbeat.objects.filter(name=HEARTBEAT_NAME).first()
    now = timezone.now()
    age = (now - beat.last_run_at).total_seconds() if beat else None
    on_time = age is not None and age <= 2 * interval
    broker = broker_reachable()
    healthy = on_time and broker
    body = {
        "status": "ok" if healthy else ("late" if broker else "broker unreachable"),
        "broker": "ok" if broker else "unreachable",
        "planner_last_ran_at": beat.last_run_at.isoformat() if beat else None,
        "seconds_since_last_run": round(age) if age is not None else None,
        "interval_seconds": interval,
        "last_pass_ms": beat.last_duration_ms if beat else None,
        "failed_reminders": Reminder.objects.filter(state=DeliveryState.FAILED).count(),
        "pending_overdue_reminders": Reminder.objects.filter(
            state=DeliveryState.PENDING,
            next_attempt_at__lt=now - dt.timedelta(seconds=2 * interval),
        ).count(),
        # Letters the planner skips until staff correct them (Reminders › Letters the
        # planner cannot plan).
        "letters_not_planned": PlanningError.objects.count(),
    }
    return JsonResponse(body, status=200 if healthy else 503)
