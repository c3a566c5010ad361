"""Writes to the mandates: recording a holder's term. The admin and the staff form on a
mandate's page both call this, so the term rules (mandates/terms.py: 3 years a term,
renewable once, 6 years at most; a Working Group's five seats) hold everywhere."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from mandates import terms
from mandates.models import Mandate, MandateHolder


@transaction.atomic
def holder_record(*, mandate: Mandate, name: str, term_start: dt.date,
                  term_end: dt.date | None = None) -> MandateHolder:
    """Record a term of `name` on `mandate`; by default a full three-year term.

    The mandate's row is locked first: two staff recording holders of one mandate at
    once queue up, so the second sees the first's term when the seats are counted.
    """
    locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
    holder = MandateHolder(mandate=locked, name=" ".join(name.split()),
                           term_start=term_start,
                           term_end=term_end or terms.default_term_end(term_start))
    holder.full_clean()
    holder.save()
    return holder


@transaction.atomic
def holder_update(*, holder: MandateHolder, name: str, term_start: dt.date,
                  term_end: dt.date) -> MandateHolder:
    """Correct a recorded term (the same checks as recording one)."""
    Mandate.objects.select_for_update().get(pk=holder.mandate_id)
    current = MandateHolder.objects.select_for_update().get(pk=holder.pk)
    current.name, current.term_start, current.term_end = " ".join(name.split()), \
        term_start, term_end
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def holder_delete(*, holder: MandateHolder) -> None:
    Mandate.objects.select_for_update().get(pk=holder.mandate_id)
    MandateHolder.objects.filter(pk=holder.pk).delete()
