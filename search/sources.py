"""What can be searched: one Source per kind of record, in a small registry.

A Source says, for its kind:

- how the database indexes it (`config`, `fields`, `joins`, `file_column`,
  `depends_on`): SQL over the record's row `r`, from which this module writes the
  indexing function and the row triggers that keep search_document current
  (search/models.py says why triggers);
- whose record it is and when it became public (`company`, `public_on`: SQL), stored
  on each document, so that a search applies the one visibility rule to the index
  itself: `restrict_to_scope` (accounts/visibility.py) on the company, or published by
  today. The text of a PDF is never public (its public_on is null);
- who may find it (`findable`) and search its PDF (`confidential`), as querysets of the
  model through `Model.objects.visible_to` and `published()`: the same rule stated on
  the records, which tests/search/test_visibility.py checks the index agrees with for
  every persona, and which the pages use for their choices;
- how the filters apply to it (`filters`: filter name to the model's lookup); a kind
  without a lookup for a filter in use is left out of that search;
- how a result reads and where it leads (`title`, `link`).

A new kind (dialogues, calls for input) is one Source appended to SOURCES by its app's
module plus a migration that installs its SQL (`install_sql`). The SQL is generated
from the declarations as they are when a migration runs: a change to a Source's
indexing comes with a new migration that runs `install_sql` again (it replaces the
functions and triggers and re-indexes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.visibility import (
    SCOPE_EVERY_COMPANY,
    restrict_companies_to_scope,
    scope_includes,
    visibility_scope,
)
from calls.models import CallForInput
from companies.models import Company
from dialogues.models import Dialogue, Question
from engagements.models import Communication, InformalNote, Language, Response
from mandates.models import Mandate

if TYPE_CHECKING:
    from accounts.models import User

# The text search configuration of each language a letter may be written in.
CONFIGS = {Language.ENGLISH: "english", Language.FRENCH: "french", Language.SPANISH: "spanish"}
# A record written in several languages at once; a query in any of them may match it.
MULTILINGUAL = "simple"
QUERY_CONFIGS = (*CONFIGS.values(), MULTILINGUAL)


@dataclass(frozen=True)
class Weighted:
    """One text of a record: an SQL expression over the row `r`, its weight (A ranks
    highest, D lowest) and, for a record in several languages, its own configuration."""

    sql: str
    weight: str
    config: str | None = None
    # False: indexed only, not shown in snippets (another form of a text already shown).
    shown: bool = True


@dataclass(frozen=True)
class Dependency:
    """A table whose rows change this kind's documents: `ids` selects the ids to
    re-index from the changed row, written `{row}`; an UPDATE re-indexes only when one
    of `columns` changed (so the reminder planner's bookkeeping costs nothing)."""

    table: str
    ids: str
    columns: tuple[str, ...]
    inserts_and_deletes: bool = True


@dataclass(frozen=True)
class Source:
    kind: str
    label: Promise
    model: type[models.Model]
    config: str
    company: str  # SQL: the company whose confidential record this is, or NULL
    public_on: str  # SQL: the day anyone may find it, NULL for never
    fields: tuple[Weighted, ...]
    depends_on: tuple[Dependency, ...]
    findable: Callable[[Any, dt.date], QuerySet[Any]]
    title: Callable[[Any], str]
    link: Callable[[Any, Any, dt.date], str]
    filters: Mapping[str, str] = field(default_factory=dict)
    joins: str = ""
    file_column: str | None = None
    confidential: Callable[[Any], QuerySet[Any]] | None = None
    related: tuple[str, ...] = ()
    # Records shared with several companies (a dialogue and its participants): the
    # records whose own text the user may find whatever its `company` (NULL), as a
    # queryset of the model; the one visibility rule through visible_to.
    shared_with: Callable[[Any], QuerySet[Any]] | None = None
    # What anyone may find of a record whose other text is confidential (a public
    # dialogue's title and public summary): indexed as a separate document (part
    # "pub", public from the start) when `public_when` (SQL over `r`) holds, so a
    # confidential text can never match nor be quoted for those who may not see it.
    public_fields: tuple[Weighted, ...] = ()
    public_when: str = "false"

    @property
    def table(self) -> str:
        return self.model._meta.db_table


def _language_config(column: str) -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in CONFIGS.items())
    return f"(CASE {column} {cases} ELSE 'english' END)"


# --- who may find what: the letters' rule, applied to each kind -------------------

def findable_letters(user: User | Any, today: dt.date) -> QuerySet[Communication]:
    """The letters the user may see (their scope) and the published ones: the same set
    the mandate directory counts, so search never reveals a confidential letter."""
    return Communication.objects.visible_to(user) | Communication.objects.published(today)


def _findable_replies(user: User | Any, today: dt.date) -> QuerySet[Response]:
    # The public register shows every reply to a published letter.
    return Response.objects.filter(communication__in=findable_letters(user, today).values("pk"))


def _confidential_replies(user: User | Any) -> QuerySet[Response]:
    return Response.objects.filter(
        communication__in=Communication.objects.visible_to(user).values("pk"))


def _findable_notes(user: User | Any, today: dt.date) -> QuerySet[InformalNote]:
    # Notes are never public: only within the user's scope.
    return InformalNote.objects.filter(
        communication__in=Communication.objects.visible_to(user).values("pk"))


def findable_companies(user: User | Any, today: dt.date) -> QuerySet[Company]:
    # A company the user may not see, and to which no letter is published, is not
    # found: its presence here would say it has received a confidential letter.
    return restrict_companies_to_scope(Company.objects.all(), user) | Company.objects.filter(
        pk__in=Communication.objects.published(today).values("company"))


def _in_scope(user: User | Any, company_id: int) -> bool:
    return scope_includes(visibility_scope(user), company_id)


def _letter_url(user: User | Any, letter: Communication, today: dt.date) -> str:
    """The letter's own page for those who may see it, else its public page."""
    if _in_scope(user, letter.company_id):
        return reverse("letter-detail", args=[letter.pk])
    return reverse("public-detail", args=[letter.pk])


def _company_url(company: Company, user: User | Any, today: dt.date) -> str:
    if _in_scope(user, company.pk):
        return f"{reverse('letter-list')}?{urlencode({'company': company.pk})}"
    return f"{reverse('public-list')}?{urlencode({'company': company.pk})}"


# --- the registry ------------------------------------------------------------------

LETTERS = Source(
    kind="letter", label=_("Letters"), model=Communication,
    config=_language_config("r.language"), company="r.company_id", public_on="r.public_on",
    # The reference as written and in pieces: "AL OTH 74" and "74/2022" both find it.
    fields=(Weighted("r.reference", "A"),
            Weighted("translate(r.reference, '/', ' ')", "A", shown=False),
            Weighted("r.subject", "A"),
            Weighted("r.summary", "B")),
    file_column="letter",
    depends_on=(Dependency("engagements_communication", "SELECT {row}.id",
                           ("reference", "subject", "summary", "language", "letter",
                            "company_id", "public_on")),),
    findable=findable_letters,
    confidential=Communication.objects.visible_to,
    filters={"company": "company", "mandate": "mandates", "year": "sent_on__year"},
    title=lambda letter: f"{letter.reference} · {letter.subject}",
    link=lambda letter, user, today: _letter_url(user, letter, today),
)

REPLIES = Source(
    kind="reply", label=_("Replies"), model=Response,
    # A reply is read in its letter's language.
    joins="JOIN engagements_communication l ON l.id = r.communication_id",
    config=_language_config("l.language"), company="l.company_id", public_on="l.public_on",
    fields=(Weighted("r.body", "C"),),
    file_column="attachment",
    depends_on=(
        Dependency("engagements_response", "SELECT {row}.id",
                   ("body", "attachment", "communication_id")),
        Dependency("engagements_communication",
                   "SELECT id FROM engagements_response WHERE communication_id = {row}.id",
                   ("language", "company_id", "public_on"), inserts_and_deletes=False),
    ),
    findable=_findable_replies,
    confidential=_confidential_replies,
    filters={"company": "communication__company", "mandate": "communication__mandates",
             "year": "received_on__year"},
    related=("communication",),
    title=lambda reply: gettext("Reply to %(reference)s") % {
        "reference": reply.communication.reference},
    link=lambda reply, user, today: _letter_url(user, reply.communication, today),
)

NOTES = Source(
    kind="note", label=_("Informal notes"), model=InformalNote,
    joins="JOIN engagements_communication l ON l.id = r.communication_id",
    # Notes are never public.
    config=_language_config("l.language"), company="l.company_id", public_on="NULL",
    fields=(Weighted("r.body", "C"),),
    depends_on=(
        Dependency("engagements_informalnote", "SELECT {row}.id",
                   ("body", "communication_id")),
        Dependency("engagements_communication",
                   "SELECT id FROM engagements_informalnote WHERE communication_id = {row}.id",
                   ("language", "company_id"), inserts_and_deletes=False),
    ),
    findable=_findable_notes,
    filters={"company": "communication__company", "mandate": "communication__mandates",
             "year": "noted_on__year"},
    related=("communication",),
    title=lambda note: gettext("Note on %(reference)s") % {
        "reference": note.communication.reference},
    link=lambda note, user, today: reverse("letter-detail", args=[note.communication_id]),
)

MANDATES = Source(
    kind="mandate", label=_("Mandates"), model=Mandate, config=f"'{MULTILINGUAL}'",
    # Public record, always.
    company="NULL", public_on="DATE '0001-01-01'",
    # Titles and coverage in each language, each with its own stemming.
    fields=tuple(
        Weighted(f"r.{column}{suffix}", weight, config)
        for suffix, config in (("", "english"), ("_fr", "french"), ("_es", "spanish"))
        for column, weight in (("title", "A"), ("short_name", "A"), ("covers", "B"))
    ),
    depends_on=(Dependency("mandates_mandate", "SELECT {row}.id", tuple(
        f"{column}{suffix}" for column in ("title", "short_name", "covers")
        for suffix in ("", "_fr", "_es"))),),
    findable=lambda user, today: Mandate.objects.all(),
    filters={"mandate": "pk"},
    title=lambda mandate: mandate.display_title,
    link=lambda mandate, user, today: (
        f"{reverse('mandate-list')}?{urlencode({'q': mandate.short_name})}"),
)

COMPANIES = Source(
    kind="company", label=_("Companies"), model=Company, config=f"'{MULTILINGUAL}'",
    # Found by anyone from the day its first letter is published; before, only by those
    # who may see its records: its presence would say it has a confidential letter.
    company="r.id",
    public_on=("(SELECT min(c.public_on) FROM engagements_communication c "
               "WHERE c.company_id = r.id)"),
    fields=(
        Weighted("r.name", "A", MULTILINGUAL),
        # Facebook finds Meta: the names it went by.
        Weighted("(SELECT string_agg(f.name, ' ') FROM companies_companyformername f "
                 "WHERE f.company_id = r.id)", "A", MULTILINGUAL),
    ),
    depends_on=(
        Dependency("companies_company", "SELECT {row}.id", ("name",)),
        Dependency("companies_companyformername", "SELECT {row}.company_id",
                   ("name", "company_id")),
        Dependency("engagements_communication", "SELECT {row}.company_id",
                   ("company_id", "public_on")),
    ),
    findable=findable_companies,
    filters={"company": "pk"},
    title=lambda company: company.name,
    link=_company_url,
)


# --- dialogues, their questions, and calls for input ---------------------------------

def _findable_dialogues(user: User | Any, today: dt.date) -> QuerySet[Dialogue]:
    # In full for staff and the companies that took part; the public ones (their title
    # and public summary only: the "pub" document) for everyone.
    return Dialogue.objects.visible_to(user) | Dialogue.objects.published()


def _shared_questions(user: User | Any) -> QuerySet[Question]:
    # A question is as confidential as its dialogue's minutes, even in a public one.
    return Question.objects.filter(dialogue__in=Dialogue.objects.visible_to(user).values("pk"))


def _dialogue_url(user: User | Any, dialogue: Dialogue) -> str:
    """The dialogue's own page for staff and, for a confidential one (found only by
    those who took part), for its participants; the public page of a public dialogue
    otherwise (without a query per hit: a participant goes on from there)."""
    scope = visibility_scope(user)
    if scope == SCOPE_EVERY_COMPANY or (scope is not None and not dialogue.is_public):
        return reverse("dialogue-detail", args=[dialogue.pk])
    return reverse("public-dialogue-detail", args=[dialogue.pk])


DIALOGUES = Source(
    kind="dialogue", label=_("Dialogues"), model=Dialogue, config="'english'",
    # The minutes and agenda: no company and never public, so only staff and, through
    # `shared_with`, the companies that took part find them.
    company="NULL", public_on="NULL",
    fields=(Weighted("r.title", "A"), Weighted("r.agenda", "B"), Weighted("r.summary", "B")),
    public_fields=(Weighted("r.title", "A"), Weighted("r.public_summary", "B")),
    public_when="r.confidentiality = 'public'",
    depends_on=(Dependency("dialogues_dialogue", "SELECT {row}.id",
                           ("title", "agenda", "summary", "public_summary",
                            "confidentiality")),),
    findable=_findable_dialogues,
    confidential=Dialogue.objects.visible_to,
    shared_with=Dialogue.objects.visible_to,
    filters={"mandate": "mandates", "year": "starts_at__year", "topic": "topics"},
    title=lambda dialogue: dialogue.title,
    link=lambda dialogue, user, today: _dialogue_url(user, dialogue),
)

QUESTIONS = Source(
    kind="question", label=_("Questions in dialogues"), model=Question, config="'english'",
    company="NULL", public_on="NULL",
    fields=(Weighted("r.text", "B"), Weighted("r.answer", "C")),
    depends_on=(Dependency("dialogues_question", "SELECT {row}.id",
                           ("text", "answer", "dialogue_id")),),
    findable=lambda user, today: _shared_questions(user),
    shared_with=_shared_questions,
    filters={"mandate": "dialogue__mandates", "year": "dialogue__starts_at__year",
             "topic": "topic"},
    related=("dialogue",),
    title=lambda question: gettext("Question in %(title)s") % {
        "title": question.dialogue.title},
    link=lambda question, user, today: reverse("dialogue-detail", args=[question.dialogue_id]),
)

CALLS = Source(
    kind="call", label=_("Calls for input"), model=CallForInput, config=f"'{MULTILINGUAL}'",
    # Public record, always.
    company="NULL", public_on="DATE '0001-01-01'",
    fields=(Weighted("r.title", "A", "english"), Weighted("r.title_fr", "A", "french"),
            Weighted("r.title_es", "A", "spanish"), Weighted("r.questions", "B", "english")),
    depends_on=(Dependency("calls_callforinput", "SELECT {row}.id",
                           ("title", "title_fr", "title_es", "questions")),),
    findable=lambda user, today: CallForInput.objects.all(),
    filters={"mandate": "mandates", "year": "opened_on__year", "topic": "topics"},
    title=lambda call: call.display_title,
    link=lambda call, user, today: reverse(
        "call-detail" if getattr(user, "is_authenticated", False) else "public-call-detail",
        args=[call.pk]),
)

SOURCES: dict[str, Source] = {
    source.kind: source for source in (LETTERS, REPLIES, NOTES, MANDATES, COMPANIES,
                                       DIALOGUES, QUESTIONS, CALLS)
}
# The filters a search accepts; each Source says which apply to it. `topic` applies to
# the kinds whose model carries topics (dialogues, their questions, calls).
FILTERS = ("company", "mandate", "year", "topic")


# --- the SQL that keeps the index current -------------------------------------------

def _vector_sql(source: Source, fields: tuple[Weighted, ...] | None = None) -> str:
    parts = []
    for text in source.fields if fields is None else fields:
        config = f"'{text.config}'" if text.config else "c.config"
        parts.append(f"setweight(to_tsvector({config}::regconfig, "
                     f"search_fold(coalesce({text.sql}, ''))), '{text.weight}')")
    return " || ".join(parts)


def _text_sql(source: Source, fields: tuple[Weighted, ...] | None = None) -> str:
    return "concat_ws(E'\\n', " + ", ".join(
        f"nullif({text.sql}, '')" for text in (source.fields if fields is None else fields)
        if text.shown) + ")"


def index_function_sql(source: Source) -> str:
    """search_index_<kind>(ids): bring the documents of these records up to date,
    including removing those of records that no longer exist."""
    kind, table = source.kind, source.table
    rows = (f"FROM {table} r {source.joins} "
            f"CROSS JOIN LATERAL (SELECT {source.config}::text AS config) c")
    statements = [
        f"""DELETE FROM search_document d WHERE d.kind = '{kind}' AND d.part = 'text'
            AND d.object_id = ANY(ids)
            AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.id = d.object_id)""",
        f"""INSERT INTO search_document (kind, object_id, part, config, vector, text,
              company_id, public_on)
            SELECT '{kind}', r.id, 'text', c.config, {_vector_sql(source)}, {_text_sql(source)},
              {source.company}, {source.public_on}
            {rows} WHERE r.id = ANY(ids)
            ON CONFLICT (kind, object_id, part) DO UPDATE SET config = EXCLUDED.config,
              vector = EXCLUDED.vector, text = EXCLUDED.text,
              company_id = EXCLUDED.company_id, public_on = EXCLUDED.public_on""",
    ]
    if source.public_fields:
        statements += [
            # Made confidential again (or gone): its public document goes.
            f"""DELETE FROM search_document d WHERE d.kind = '{kind}' AND d.part = 'pub'
                AND d.object_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM {table} r
                  WHERE r.id = d.object_id AND ({source.public_when}))""",
            f"""INSERT INTO search_document (kind, object_id, part, config, vector, text,
                  company_id, public_on)
                SELECT '{kind}', r.id, 'pub', c.config,
                  {_vector_sql(source, source.public_fields)},
                  {_text_sql(source, source.public_fields)}, NULL, DATE '0001-01-01'
                {rows} WHERE r.id = ANY(ids) AND ({source.public_when})
                ON CONFLICT (kind, object_id, part) DO UPDATE SET config = EXCLUDED.config,
                  vector = EXCLUDED.vector, text = EXCLUDED.text,
                  company_id = EXCLUDED.company_id, public_on = EXCLUDED.public_on""",
        ]
    if source.file_column:
        column = source.file_column
        statements += [
            # The PDF removed (or the record gone): its text goes with it.
            f"""DELETE FROM search_storedfile f WHERE f.kind = '{kind}'
                AND f.object_id = ANY(ids) AND NOT EXISTS (
                  SELECT 1 FROM {table} r WHERE r.id = f.object_id AND r.{column} <> '')""",
            # A new or replaced PDF: its text is to be extracted (search/tasks.py).
            f"""INSERT INTO search_storedfile (kind, object_id, path, text, error, extracted_at)
                SELECT '{kind}', r.id, r.{column}, '', '', NULL FROM {table} r
                WHERE r.id = ANY(ids) AND r.{column} <> ''
                ON CONFLICT (kind, object_id) DO UPDATE SET path = EXCLUDED.path,
                  text = '', error = '', extracted_at = NULL
                WHERE search_storedfile.path IS DISTINCT FROM EXCLUDED.path""",
            f"""DELETE FROM search_document d WHERE d.kind = '{kind}' AND d.part = 'file'
                AND d.object_id = ANY(ids) AND NOT EXISTS (
                  SELECT 1 FROM search_storedfile f WHERE f.kind = '{kind}'
                  AND f.object_id = d.object_id AND f.text <> '')""",
            # Never public: the public register never shows a PDF.
            f"""INSERT INTO search_document (kind, object_id, part, config, vector, text,
                  company_id, public_on)
                SELECT '{kind}', r.id, 'file', c.config,
                  setweight(to_tsvector(c.config::regconfig, search_fold(f.text)), 'D'), f.text,
                  {source.company}, NULL
                {rows} JOIN search_storedfile f ON f.kind = '{kind}' AND f.object_id = r.id
                WHERE r.id = ANY(ids) AND f.text <> ''
                ON CONFLICT (kind, object_id, part) DO UPDATE SET config = EXCLUDED.config,
                  vector = EXCLUDED.vector, text = EXCLUDED.text,
                  company_id = EXCLUDED.company_id""",
        ]
    body = ";\n".join(statements)
    return (f"CREATE OR REPLACE FUNCTION search_index_{kind}(ids bigint[]) RETURNS void "
            f"LANGUAGE plpgsql AS $$\nBEGIN\n{body};\nEND\n$$")


def _dependencies(source: Source) -> tuple[Dependency, ...]:
    if not source.file_column:
        return source.depends_on
    # The extracted text arriving (search/tasks.py) re-indexes the record's PDF part.
    return (*source.depends_on, Dependency(
        "search_storedfile", f"SELECT {{row}}.object_id WHERE {{row}}.kind = '{source.kind}'",
        ("text",), inserts_and_deletes=False))


def trigger_sql(source: Source) -> list[str]:
    """The row triggers that call search_index_<kind> whenever a dependency changes."""
    statements = []
    for number, dependency in enumerate(_dependencies(source)):
        name = f"search_{source.kind}_{number}"
        old, new = (dependency.ids.format(row=row) for row in ("OLD", "NEW"))
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN PERFORM search_index_{source.kind}(ARRAY({new}));
              ELSIF TG_OP = 'DELETE' THEN PERFORM search_index_{source.kind}(ARRAY({old}));
              ELSE PERFORM search_index_{source.kind}(ARRAY({old} UNION {new}));
              END IF;
              RETURN NULL;
            END
            $$""")
        changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}"
                              for column in dependency.columns)
        statements += [
            f"DROP TRIGGER IF EXISTS {name}_update ON {dependency.table}",
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {dependency.table} FOR EACH ROW "
            f"WHEN ({changed}) EXECUTE FUNCTION {name}()",
            f"DROP TRIGGER IF EXISTS {name}_write ON {dependency.table}",
        ]
        if dependency.inserts_and_deletes:
            statements.append(
                f"CREATE TRIGGER {name}_write AFTER INSERT OR DELETE ON {dependency.table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()")
    return statements


def install_sql(source: Source) -> list[str]:
    """Everything the database needs to index `source`, idempotent."""
    return [index_function_sql(source), *trigger_sql(source), reindex_sql(source)]


def uninstall_sql(source: Source) -> list[str]:
    statements = []
    for number, dependency in enumerate(_dependencies(source)):
        name = f"search_{source.kind}_{number}"
        statements += [f"DROP TRIGGER IF EXISTS {name}_update ON {dependency.table}",
                       f"DROP TRIGGER IF EXISTS {name}_write ON {dependency.table}",
                       f"DROP FUNCTION IF EXISTS {name}()"]
    statements.append(f"DROP FUNCTION IF EXISTS search_index_{source.kind}(bigint[])")
    return statements


def reindex_sql(source: Source) -> str:
    """Index every record of `source` (after a load that bypassed the triggers)."""
    return (f"SELECT search_index_{source.kind}(ARRAY(SELECT id FROM {source.table}))")
