"""Accent folding, one table for the database and for Python.

The embedded PostgreSQL (pgserver) ships without the `unaccent` extension, so the
folding is a plain SQL function over translate() (search_fold, created by migration
0001 from these two strings): it needs no extension, works on every server, and the
documents and the queries are folded by the same function. Python uses the same table
to find a highlighted fragment back in the accented text (search/selectors.py).

One character for one: the folded text is exactly as long as the original, so a
position in one is the same position in the other.
"""

from __future__ import annotations

FOLD_FROM = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ"
FOLD_TO = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy"
assert len(FOLD_FROM) == len(FOLD_TO)

_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """`text` without its accents, as search_fold() folds it in the database."""
    return text.translate(_TABLE)


def fold_function_sql() -> str:
    """The SQL function every document and query is folded with."""
    return (
        "CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS "
        f"$$ SELECT translate(value, '{FOLD_FROM}', '{FOLD_TO}') $$"
    )
