"""Celery tasks of the search: thin, they call search/services.py."""

from __future__ import annotations

from celery import shared_task

from reminders import queue
from search import services


# Idempotent (a compare-and-set per file), so redelivery after a lost worker is safe.
@shared_task(name=queue.EXTRACT_TEXT, soft_time_limit=540, time_limit=600,
             acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def extract_text() -> int:
    return services.stored_files_extract()
