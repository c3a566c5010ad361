"""The planner for a site that prefers cron to Celery beat.

    */5 * * * *  cd /srv/btech && .venv/bin/python manage.py plan_reminders --send

Without --send it plans and queues the emails for the Celery worker, like beat does; with
--send it also sends them from this process (no worker needed).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from btech.commands import ConciseCommand
from reminders import planner, services


class Command(ConciseCommand):
    help = "Plan the deadline reminders that are due and queue (or, with --send, send) them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", action="store_true",
                            help="Send the emails from this process instead of queueing them.")

    def handle(self, *args: Any, send: bool = False, **options: Any) -> None:
        result = planner.plan_pass(enqueue=not send)
        self.stdout.write(f"Planned {len(result.reminder_ids)} reminder(s) for "
                          f"{result.letters} letter(s), {len(result.digest_ids)} digest(s); "
                          f"{result.requeued} re-queued; {result.seconds:.2f}s.")
        if send:
            delivered = services.pending_deliver()
            self.stdout.write(f"Sent {len(delivered.sent)}, cancelled "
                              f"{len(delivered.cancelled)}, retrying {len(delivered.retrying)}, "
                              f"failed {len(delivered.failed)}.")
