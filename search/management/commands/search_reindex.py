"""Rebuild the search index after a load that bypassed the triggers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection, transaction

from btech.commands import ConciseCommand
from search.sources import SOURCES, reindex_sql


class Command(ConciseCommand):
    help = "Index every record of each kind again (all kinds unless some are named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kinds", nargs="*", help=", ".join(SOURCES))

    def handle(self, *args: Any, **options: Any) -> None:
        for kind in options["kinds"]:
            if kind not in SOURCES:
                raise CommandError(f"unknown kind {kind!r}: one of {', '.join(SOURCES)}")
        for kind in options["kinds"] or SOURCES:
            # Each kind in its own transaction: a long rebuild does not hold every lock.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(reindex_sql(SOURCES[kind]))
            self.stdout.write(f"{kind}: indexed")
