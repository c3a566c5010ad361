"""``make backup`` and ``make restore FILE=...``: the database and the uploaded PDFs.

A backup is one tar file, ``btech-backup-YYYYmmdd-HHMMSS.tar``, holding:

- ``database.dump``: pg_dump's custom format, the whole database (tables, the history
  triggers and their functions), restored with pg_restore;
- ``media/...``: every file under MEDIA_ROOT, the letters' and replies' PDFs;
- ``manifest.json``: when it was made, the row count of every table and the SHA-256 of
  every file, which a restore checks its result against.

pg_dump and pg_restore must match the server's version: for the embedded server, the
ones shipped with it in the pgserver package (btech/embedded.py says where, in
BTECH_PG_BIN); for a server of your own (DATABASE_URL), the PostgreSQL client tools on
the PATH, of the server's major version or newer.

A restore goes into an empty database and an empty media folder; with ``--force`` it
first empties the database (every table of the public schema is dropped) and moves the
media folder aside (``media.before-restore-...``), so nothing is deleted unseen.

Command line (the Makefile runs it with DATABASE_URL set)::

    python -m btech.backup create [--out DIR]
    python -m btech.backup restore FILE [--force]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

FORMAT = 1  # of the manifest; a later layout would bump it


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class Restored:
    tables: dict[str, int]
    files: int


def _tool(name: str) -> str:
    bin_dir = os.environ.get("BTECH_PG_BIN")
    if bin_dir and (Path(bin_dir) / name).exists():
        return str(Path(bin_dir) / name)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools of your "
                          "server's version (e.g. apt-get install postgresql-client)")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed with code {done.returncode}:\n"
                          f"{done.stderr.strip()[-2000:]}")


def table_counts(database_url: str) -> dict[str, int]:
    """The exact row count of every table of the public schema."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        return _counts(connection)


def _counts(connection: psycopg.Connection[Any]) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
    counts: dict[str, int] = {}
    for name in names:
        row = connection.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))).fetchone()
        counts[name] = int(row[0]) if row else 0
    return counts


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by path relative to it."""
    hashes: dict[str, str] = {}
    if not folder.is_dir():
        return hashes
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        hashes[path.relative_to(folder).as_posix()] = digest.hexdigest()
    return hashes


def create(*, database_url: str, media_root: Path, out_dir: Path) -> Path:
    """Write a backup into `out_dir`; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    target = out_dir / f"btech-backup-{stamp}.tar"
    with tempfile.TemporaryDirectory(prefix="btech-backup-") as work:
        dump = Path(work) / "database.dump"
        # The dump and the manifest's counts read the same snapshot of the database, so
        # writes made meanwhile (the site stays up) are in neither.
        with psycopg.connect(database_url) as snapshot:
            snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            row = snapshot.execute("SELECT pg_export_snapshot()").fetchone()
            assert row is not None
            _run([_tool("pg_dump"), "--dbname", database_url, "--format", "custom",
                  "--no-owner", "--snapshot", str(row[0]), "--file", str(dump)])
            tables = _counts(snapshot)
        files = file_hashes(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tables": tables,
            "files": files,
        }
        partial = target.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname="database.dump")
            for relative in files:
                archive.add(media_root / relative, arcname=f"media/{relative}")
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
        partial.replace(target)  # a backup file is whole or absent
    target.chmod(0o600)  # confidential letters: readable by their owner only
    return target


def _empty(database_url: str) -> bool:
    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        return row is not None and row[0] == 0


def _drop_everything(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def restore(path: Path, *, database_url: str, media_root: Path,
            force: bool = False) -> Restored:
    """Restore a backup; check the tables and files against its manifest."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    with tarfile.open(path, "r") as archive:
        try:
            manifest: dict[str, Any] = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        except KeyError:
            raise BackupError(f"{path} is not a backup of this tracker (no manifest)") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path} has format {manifest.get('format')}, not {FORMAT}")
        has_media = media_root.is_dir() and any(media_root.iterdir())
        if not force:
            if not _empty(database_url):
                raise BackupError("the database is not empty; restore into an empty one, "
                                  "or add --force (FORCE=1) to replace what it holds")
            if has_media:
                raise BackupError(f"{media_root} is not empty; add --force (FORCE=1) to "
                                  "move it aside and restore into a new one")
        if has_media:
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
            aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
            media_root.rename(aside)
            print(f"the media folder was moved to {aside}", file=sys.stderr)
        if not _empty(database_url):
            _drop_everything(database_url)
        with tempfile.TemporaryDirectory(prefix="btech-restore-") as work:
            archive.extract("database.dump", work, filter="data")
            _run([_tool("pg_restore"), "--dbname", database_url, "--no-owner",
                  "--no-privileges", "--exit-on-error", "--single-transaction",
                  str(Path(work) / "database.dump")])
        media_root.mkdir(parents=True, exist_ok=True)
        for member in archive.getmembers():
            if member.name.startswith("media/") and member.isfile():
                member.name = member.name.removeprefix("media/")
                archive.extract(member, media_root, filter="data")
    tables = table_counts(database_url)
    if tables != manifest["tables"]:
        differ = sorted(name for name in set(tables) | set(manifest["tables"])
                        if tables.get(name) != manifest["tables"].get(name))
        raise BackupError(f"restored, but these tables' counts differ from the backup's: "
                          f"{', '.join(differ)}")
    if file_hashes(media_root) != manifest["files"]:
        raise BackupError("restored, but the media files differ from the backup's")
    return Restored(tables=tables, files=len(manifest["files"]))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m btech.backup",
                                     description="Back up or restore the tracker.")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("create", help="write a backup file")
    make.add_argument("--out", default="backups", help="folder for the backup file")
    back = commands.add_parser("restore", help="restore a backup file")
    back.add_argument("file")
    back.add_argument("--force", action="store_true",
                      help="replace a database and media folder that are not empty")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "btech.settings")
    from django.conf import settings  # MEDIA_ROOT as the product sees it

    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print("error: DATABASE_URL is not set (make backup and make restore set it)",
              file=sys.stderr)
        return 2
    media_root = Path(settings.MEDIA_ROOT)
    try:
        if args.command == "create":
            path = create(database_url=database_url, media_root=media_root,
                          out_dir=Path(args.out))
            print(f"backup written to {path}")
        else:
            done = restore(Path(args.file), database_url=database_url,
                           media_root=media_root, force=args.force)
            print(f"restored {sum(done.tables.values())} rows in {len(done.tables)} tables "
                  f"and {done.files} files; the counts and files match the backup's")
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
