"""A base for our management commands: bad arguments give one readable line, not a
usage dump, and a non-zero exit status."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser


class ConciseCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            sys.stderr.write(f"error: {subcommand}: {message}\n")
            sys.exit(2)

        # This one parser's method, replaced on purpose: Django builds the parser itself.
        parser.error = error  # type: ignore[method-assign]
        return parser
