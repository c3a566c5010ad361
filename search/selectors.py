"""The search: ranked results, snippets and counts per kind, in a fixed number of queries.

Each record is matched in its own language: a query is parsed once per configuration
(english, french, spanish) and each document is compared with the parse of its own
configuration; a document in several languages (a mandate's titles) with any of them.
The conditions stay `vector @@ <constant>`, so PostgreSQL answers them from the GIN
index (one bitmap per configuration, OR-ed), then keeps the rows the asker may find.

What the asker may find comes from each Source's querysets (search/sources.py), which
apply the one visibility rule: the results, the total and the counts per kind are all
computed over the same scoped rows, so none of them can reveal a record out of scope.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import BooleanField, FloatField, Max, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from accounts.visibility import SCOPE_EVERY_COMPANY, restrict_to_scope, visibility_scope
from search import folding
from search.models import Document, Part
from search.sources import CONFIGS, FILTERS, MULTILINGUAL, QUERY_CONFIGS, SOURCES, Source

if TYPE_CHECKING:
    from accounts.models import User

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
# Highlight markers that no text can contain: both are removed from the documents'
# text before ts_headline runs, so a user's text can never open or close a <mark>, and
# everything between them is escaped (see _snippet).
START, STOP = "\ue000", "\ue001"
_HEADLINE_OPTIONS = (f'StartSel="{START}", StopSel="{STOP}", MaxWords=30, MinWords=12, '
                     "ShortWord=2, MaxFragments=0")


@dataclass(frozen=True)
class SearchQuery:
    text: str
    kinds: tuple[str, ...] = ()  # none: every kind
    company: int | None = None
    mandate: int | None = None
    year: int | None = None
    topic: int | None = None
    page: int = 1


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    object: Any
    title: str
    url: str
    snippet: SafeString
    rank: float


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    # Every kind with its number of matching records, whatever kind is chosen, so a
    # page can offer the others.
    facets: dict[str, int]
    total: int
    page: int
    page_count: int
    kinds: tuple[str, ...] = field(default=())


# --- SQL over the document row -------------------------------------------------------

def _tsquery(config: str) -> str:
    return f"websearch_to_tsquery('{config}'::regconfig, search_fold(%s))"


def _any_language_tsquery() -> tuple[str, int]:
    return " || ".join(_tsquery(config) for config in QUERY_CONFIGS), len(QUERY_CONFIGS)


def _query_for_row() -> tuple[str, int]:
    """The query in the row's own configuration, as SQL with its number of %s."""
    cases = " ".join(f"WHEN '{config}' THEN {_tsquery(config)}" for config in CONFIGS.values())
    anything, count = _any_language_tsquery()
    return f"(CASE search_document.config {cases} ELSE ({anything}) END)", len(CONFIGS) + count


def _match(text: str) -> RawSQL:
    arms = [f"(search_document.config = '{config}' AND search_document.vector @@ "
            f"{_tsquery(config)})" for config in CONFIGS.values()]
    anything, count = _any_language_tsquery()
    arms.append(f"(search_document.config = '{MULTILINGUAL}' AND search_document.vector @@ "
                f"({anything}))")
    return RawSQL("(" + " OR ".join(arms) + ")", [text] * (len(CONFIGS) + count),
                  output_field=BooleanField())


def _rank(text: str) -> RawSQL:
    query, count = _query_for_row()
    # Weights D, C, B, A: a word in a letter's subject (A) ranks well above the same
    # word in a reply (C) or a PDF (D).
    return RawSQL(f"ts_rank('{{0.05, 0.2, 0.5, 1.0}}', search_document.vector, {query})",
                  [text] * count, output_field=FloatField())


def _headline(text: str) -> RawSQL:
    query, count = _query_for_row()
    # On the folded text, so an accent typed or not highlights the same words; _snippet
    # puts the accents back. translate() keeps the length (one character for one).
    return RawSQL(
        "ts_headline(search_document.config::regconfig, translate(search_fold("
        f"search_document.text), '{START}{STOP}', '  '), {query}, %s)",
        [text] * count + [_HEADLINE_OPTIONS])


# --- who may find what -----------------------------------------------------------------

def visible_documents(user: User | Any, today: dt.date) -> QuerySet[Document]:
    """The documents `user` may find: the one visibility rule (restrict_to_scope) on
    the company each document belongs to, or published by today. A note and a PDF's
    text are never published; a mandate always is."""
    documents = Document.objects.all()
    visible = restrict_to_scope(documents, user) | documents.filter(public_on__lte=today)
    if visibility_scope(user) in (None, SCOPE_EVERY_COMPANY):
        return visible  # staff find every document already; a visitor no shared one
    # A record shared by several companies (a dialogue): its text for those it is shared
    # with, by the same rule as the record itself.
    for source in SOURCES.values():
        if source.shared_with is not None:
            visible |= documents.filter(kind=source.kind, part=Part.TEXT, object_id__in=(
                source.shared_with(user).values("pk")))
    return visible


def _filtered(source: Source, query: SearchQuery) -> Q | None:
    """The documents of `source` the filters keep; None when a filter in use does not
    apply to this kind (a mandate has no year)."""
    lookups: dict[str, object] = {}
    for name in FILTERS:
        value = getattr(query, name)
        if value is None:
            continue
        lookup = source.filters.get(name)
        if lookup is None:
            return None
        lookups[lookup] = value
    if not lookups:
        return Q(kind=source.kind)
    return Q(kind=source.kind, object_id__in=source.model._default_manager.filter(
        **lookups).values("pk"))


def _documents(user: User | Any, today: dt.date, query: SearchQuery,
               kinds: tuple[str, ...]) -> QuerySet[Document]:
    found = visible_documents(user, today).filter(_match(query.text))
    if set(kinds) == set(SOURCES) and all(getattr(query, name) is None for name in FILTERS):
        return found  # every kind, no filter: no condition to add
    conditions = [condition for kind in kinds
                  if (condition := _filtered(SOURCES[kind], query)) is not None]
    return found.filter(reduce(or_, conditions)) if conditions else Document.objects.none()


# --- the search ------------------------------------------------------------------------

def search(user: User | Any, query: SearchQuery, today: dt.date) -> Results:
    every_kind = tuple(SOURCES)
    kinds = query.kinds or every_kind
    # One pass over the matches: each record once with its best rank (a letter's text
    # and its PDF are two documents), then the counts per kind and the page from it.
    matches = (_documents(user, today, query, every_kind).values("kind", "object_id")
               .annotate(rank=Max(_rank(query.text))).order_by())
    page = query.page
    facets, found = _counts_and_page(matches, kinds, page)
    total = sum(facets[kind] for kind in kinds)
    page_count = max(1, -(-total // PAGE_SIZE))
    if page > page_count:  # past the end: the last page (one more query, rarely)
        page = page_count
        facets, found = _counts_and_page(matches, kinds, page)
    if not found:
        return Results([], facets, total, page, page_count, kinds)
    hits = _hits(user, today, query, found)
    return Results(hits, facets, total, page, page_count, kinds)


def _counts_and_page(matches: QuerySet[Any], kinds: tuple[str, ...],
                     page: int) -> tuple[dict[str, int], list[dict[str, Any]]]:
    sql, params = matches.query.sql_with_params()
    facets = {kind: 0 for kind in SOURCES}
    found: list[dict[str, Any]] = []
    with connection.cursor() as cursor:
        # The CTE is read twice, so PostgreSQL computes it once.
        cursor.execute(
            f"""WITH found AS ({sql})
            SELECT kind, NULL::bigint, NULL::real, count(*) FROM found GROUP BY kind
            UNION ALL (
              SELECT kind, object_id, rank, NULL FROM found WHERE kind = ANY(%s)
              ORDER BY rank DESC, kind, object_id DESC LIMIT %s OFFSET %s)""",
            [*params, list(kinds), PAGE_SIZE, (page - 1) * PAGE_SIZE])
        for kind, object_id, rank, count in cursor.fetchall():
            if object_id is None:
                facets[kind] = count
            else:
                found.append({"kind": kind, "object_id": object_id, "rank": rank})
    return facets, found


def _hits(user: User | Any, today: dt.date, query: SearchQuery,
          found: list[dict[str, Any]]) -> list[Hit]:
    ids: dict[str, list[int]] = defaultdict(list)
    for row in found:
        ids[row["kind"]].append(row["object_id"])
    # The snippet comes from the best-ranked part the asker may find (the visibility
    # rule again), so a PDF's words never show to someone who may not search it. By
    # the records' ids: the unique index finds their few documents at once.
    snippets: dict[tuple[str, int], tuple[float, SafeString]] = {}
    on_page = reduce(or_, (Q(kind=kind, object_id__in=pks) for kind, pks in ids.items()))
    parts = visible_documents(user, today).filter(on_page).annotate(
        part_rank=_rank(query.text), headline=_headline(query.text)).values_list(
        "kind", "object_id", "part_rank", "headline", "text")
    for kind, object_id, rank, headline, text in parts:
        best = snippets.get((kind, object_id))
        if best is None or rank > best[0]:
            snippets[(kind, object_id)] = (rank, _snippet(headline, text))
    records: dict[tuple[str, int], Any] = {}
    for kind, pks in ids.items():
        source = SOURCES[kind]
        manager = source.model._default_manager
        for pk, found_record in manager.select_related(*source.related).in_bulk(pks).items():
            records[(kind, pk)] = found_record
    hits = []
    for row in found:
        key = (row["kind"], row["object_id"])
        record = records.get(key)
        if record is None:  # removed between the two queries
            continue
        source = SOURCES[row["kind"]]
        hits.append(Hit(kind=source.kind, label=str(source.label), object=record,
                        title=source.title(record),
                        url=source.link(record, user, today),
                        snippet=snippets.get(key, (0.0, mark_safe("")))[1],
                        rank=row["rank"]))
    return hits


def _snippet(headline: str, text: str) -> SafeString:
    """The highlighted fragment as safe HTML: the text escaped, the markers as <mark>.

    ts_headline ran on the folded text; the fragment is found again in it and each of
    its characters is taken from the same position of the original, accents and all.
    """
    plain = headline.replace(START, "").replace(STOP, "")
    folded = folding.fold(text).replace(START, " ").replace(STOP, " ")
    at = folded.find(plain)
    original = text[at:at + len(plain)] if at >= 0 else plain
    original = original.replace(START, " ").replace(STOP, " ")
    out, position, opened = [], 0, False
    for piece in _split_markers(headline):
        if piece == START:
            out.append("<mark>")
            opened = True
        elif piece == STOP:
            out.append("</mark>")
            opened = False
        else:
            out.append(html.escape(original[position:position + len(piece)]))
            position += len(piece)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def _split_markers(headline: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    for char in headline:
        if char in (START, STOP):
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(char)
        else:
            current.append(char)
    if current:
        pieces.append("".join(current))
    return pieces
