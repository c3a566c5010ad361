"""Outboxes of other apps, delivered and planned by this app's machinery.

Reminders and digests are this app's own outboxes. Another app with messages to send
(webhooks) declares its outbox here from its AppConfig.ready(): its rows are then
re-queued by the planner's pass like reminders, sent by `pending_deliver`, and its
scheduled messages are planned in the same pass (reminders/planner.py): one outbox, one
worker, one planner, whatever carries the message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reminders.models import OutboxRow


@dataclass(frozen=True)
class Outbox:
    name: str
    model: type[OutboxRow]
    # deliver(ids, owner) claims, sends and records the rows (reminders.services).
    deliver: Callable[[list[int], str | None], Any]
    # queue(ids): hand the rows to the worker once the transaction commits (queue.py).
    queue: Callable[[Iterable[int]], None]
    # plan(today=, now=, enqueue=): write the rows due by the calendar; their ids.
    plan: Callable[..., list[int]] | None = None


_OUTBOXES: dict[str, Outbox] = {}


def outbox_register(outbox: Outbox) -> None:
    """Declare an outbox (once per name: a second ready() replaces, never doubles it)."""
    _OUTBOXES[outbox.name] = outbox


def registered_outboxes() -> list[Outbox]:
    return list(_OUTBOXES.values())
