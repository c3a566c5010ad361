"""make backup / make restore (btech/backup.py): a backup restored into an empty database
and an empty media folder gives back every row of every table and every uploaded file."""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.core.files.base import ContentFile

from btech import backup
from tests import factories
from tests.factories import PDF_BYTES, pdf_bytes
from tests.reminders.test_worker import _database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def empty_database():
    """A new, empty database on the same server; dropped afterwards."""
    source = _database_url()
    name = f"btech_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(source, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(source)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(source, autocommit=True) as server:
        server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_database_and_media_folder(
    settings, tmp_path, empty_database, monkeypatch, capsys,
):
    media = Path(settings.MEDIA_ROOT)
    letter = factories.CommunicationFactory(
        mandates=[factories.MandateFactory()], letter=ContentFile(PDF_BYTES, name="l.pdf"))
    factories.ResponseFactory(communication=letter, attachment=ContentFile(
        pdf_bytes(), name="reply.pdf"))
    factories.CommunicationFactory(mandates=[factories.MandateFactory()])
    source_counts = backup.table_counts(_database_url())
    source_files = backup.file_hashes(media)
    assert source_counts["engagements_communication"] == 2
    assert len(source_files) == 2

    # As `make backup` runs it: DATABASE_URL set, MEDIA_ROOT from the settings.
    monkeypatch.setenv("DATABASE_URL", _database_url())
    assert backup.main(["create", "--out", str(tmp_path / "backups")]) == 0
    [made] = (tmp_path / "backups").glob("btech-backup-*.tar")
    assert f"backup written to {made}" in capsys.readouterr().out

    # As `make restore FILE=...` runs it, on another machine: an empty database and folder.
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    monkeypatch.setenv("DATABASE_URL", empty_database)
    assert backup.main(["restore", str(made)]) == 0
    assert "the counts and files match the backup's" in capsys.readouterr().out

    assert backup.table_counts(empty_database) == source_counts
    assert backup.file_hashes(tmp_path / "restored-media") == source_files
    # The history triggers came back too: a change is recorded in the restored database.
    with psycopg.connect(empty_database, autocommit=True) as restored:
        before = restored.execute("SELECT count(*) FROM engagements_communicationevent"
                                  ).fetchone()
        restored.execute("UPDATE engagements_communication SET subject = 'Edited'")
        after = restored.execute("SELECT count(*) FROM engagements_communicationevent"
                                 ).fetchone()
    assert before is not None and after is not None and after[0] == before[0] + 2


def test_a_restore_refuses_a_database_that_is_not_empty(settings, tmp_path, monkeypatch,
                                                        capsys):
    factories.CommunicationFactory(mandates=[factories.MandateFactory()])
    monkeypatch.setenv("DATABASE_URL", _database_url())
    assert backup.main(["create", "--out", str(tmp_path)]) == 0
    [made] = tmp_path.glob("btech-backup-*.tar")

    assert backup.main(["restore", str(made)]) == 1
    assert ("error: the database is not empty; restore into an empty one, or add --force "
            "(FORCE=1) to replace what it holds") in capsys.readouterr().err
