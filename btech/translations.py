"""Compile the translations, without GNU gettext.

    python -m btech.translations compile            # each .po newer than its .mo
    python -m btech.translations compile --force    # every .po
    python -m btech.translations compile locale/fr/LC_MESSAGES/django.po

Django reads compiled catalogues (.mo); the repository keeps only the .po files that
translators edit. `make` compiles them when it installs the virtualenv and again when a
.po is newer than its .mo, so `make run` and `make test` work on a machine without
gettext's msgfmt. polib, pure Python, writes what msgfmt writes: every translated
entry, and neither the fuzzy nor the untranslated ones (those show in English).

Runs before Django is set up: it reads no settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every .po under locale/<language>/LC_MESSAGES/."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def is_stale(po_path: Path) -> bool:
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogue(po_path: Path) -> Path:
    """Write the .mo beside `po_path`, atomically: a server reading it meanwhile sees
    the old one or the new one, never half of one."""
    mo_path = po_path.with_suffix(".mo")
    catalogue = polib.pofile(str(po_path))
    handle, temporary = tempfile.mkstemp(dir=po_path.parent, prefix=".", suffix=".mo")
    os.close(handle)
    try:
        catalogue.save_as_mofile(temporary)
        os.replace(temporary, mo_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return mo_path


def compile_all(paths: Iterable[Path], *, force: bool = False) -> list[Path]:
    return [compile_catalogue(path) for path in paths if force or is_stale(path)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m btech.translations",
                                     description="Compile the .po translations to .mo.")
    commands = parser.add_subparsers(dest="command", required=True)
    compile_parser = commands.add_parser("compile", help="compile .po files to .mo")
    compile_parser.add_argument("files", nargs="*", type=Path,
                                help="the .po files (default: every one under locale/)")
    compile_parser.add_argument("--force", action="store_true",
                                help="compile even those whose .mo is up to date")
    options = parser.parse_args(argv)
    paths = options.files or catalogues()
    missing = [path for path in paths if not path.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(map(str, missing))}")
    for mo_path in compile_all(paths, force=options.force or bool(options.files)):
        print(f"compiled {mo_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
