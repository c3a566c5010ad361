"""The search index: one row per searchable text of a record, kept by the database.

Each source (search/sources.py: letters, replies, notes, mandates, companies, dialogues,
questions, calls for input) is indexed into `Document` by SQL functions and row triggers
that search/sources.py generates and migrations install. Why triggers rather than the
services: a trigger keeps the index current for every path that writes, the services,
the admin, bulk imports, raw SQL and data migrations alike, and in the same transaction,
so a search never finds a row that rolled back nor misses one that committed. The same
functions rebuild the index in bulk (`manage.py search_reindex`).

Neither table is tracked by pghistory: both are derived from tracked rows and can be
rebuilt from them at any time; tracking them would double every write for no record.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q


class Part(models.TextChoices):
    # The record's own fields, which whoever may find the record may search.
    TEXT = "text", "text"
    # The text of its PDF: only for those who may see the confidential record itself.
    # The public register never shows a PDF (names in it may not be redacted), so a
    # visitor must not find a letter by a word that only its PDF contains.
    FILE = "file", "file"
    # What anyone may find of a record whose other texts are confidential (a public
    # dialogue's title and public summary), kept apart so those texts never match.
    PUBLIC = "pub", "pub"


class Document(models.Model):
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    part = models.CharField(max_length=4, choices=Part.choices)
    # The text search configuration the vector was built with and the query must be
    # parsed with: english, french or spanish (the record's language), or simple for a
    # record written in several languages at once (a mandate's titles), which a query
    # in any of the languages may match.
    config = models.CharField(max_length=16)
    vector = SearchVectorField()
    # What the snippet is cut from: the texts the vector was built from, unfolded.
    text = models.TextField()
    # Who may find it, copied from the record by the triggers: the company whose
    # confidential record it is (accounts.visibility.restrict_to_scope filters on it),
    # and the day it became public (null: never, as a note or a PDF's text).
    company_id = models.BigIntegerField(null=True)
    public_on = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "part"],
                                    name="search_document_unique"),
        ]
        indexes = [
            # Every search starts here: the words, whatever the kind. Without fastupdate:
            # records are written a few at a time, read far more often, and a pending
            # list (the default) would be scanned whole by every search until a vacuum.
            GinIndex(fields=["vector"], name="search_document_vector", fastupdate=False),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.part})"


class StoredFile(models.Model):
    """The text of a record's PDF, extracted in the worker (search/tasks.py).

    The triggers write a row with `extracted_at` null whenever a record's PDF is new or
    replaced (the path changes), and remove it when the PDF is removed; the extraction
    fills `text`, or records `error` and leaves `text` empty, so one unreadable PDF is
    never tried again and never fails the upload.
    """

    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    path = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    extracted_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_file_unique"),
        ]
        indexes = [
            # The extraction's work list: partial, so it costs nothing once all is read.
            models.Index(fields=["id"], name="search_file_pending",
                         condition=Q(extracted_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.path}"
