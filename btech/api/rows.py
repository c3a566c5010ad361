"""A serializer's output, built from values_list() rows: the fast path of the polled lists.

A page of letters through DRF builds hundreds of model instances and makes thousands of
field calls; the lists pollers call are built from plain rows instead. The serializer
stays the one statement of what a resource looks like, and what the OpenAPI schema
documents: `SerializerRows` reads its fields once and plans, for each, the columns to
select and how to write the value, with the field's own `to_representation()`. A field
added to the serializer is in the fast list at once, and a field that cannot be read
from rows stops the list with an error naming it, never with a silent difference.

What a readable field may be:

- a model field, or a path through foreign keys (`source="company.name"`): one column;
- primary keys across a to-many relation (`mandates`), or a nested list serializer
  (`responses`): one query per relation for the whole page, like prefetch_related, in
  the related model's default order;
- a ComputedField: a plain function of columns (and today's date), fed the same values
  whether the serializer reads a model instance or SerializerRows reads a row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import QuerySet
from django.utils.functional import cached_property
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PKOnlyObject, PrimaryKeyRelatedField

from btech.office_time import office_today

Row = Sequence[Any]


class ComputedField(serializers.Field[Any, Any, Any, Any]):
    """A read-only value computed from stored columns, for an instance and a row alike.

    `compute` gets the value of each of `columns` in order (ORM paths such as "due_on"
    or "company__name"; None past an empty relation; a list across a to-many relation,
    e.g. "mandates__short_name"), then `today=` (the Geneva date of the request) when
    `today` is set. `output` writes the result and is what the schema documents; a
    result of None is written as null (declare allow_null=True for the schema).
    """

    def __init__(self, compute: Callable[..., Any], *columns: str,
                 output: serializers.Field[Any, Any, Any, Any], today: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(read_only=True, source="*", **kwargs)
        self.compute = compute
        self.columns = columns
        self.output = output
        self.needs_today = today

    def to_representation(self, value: models.Model) -> Any:
        today = (self.context.get("today") or office_today()) if self.needs_today else None
        return self.write([read_path(value, column) for column in self.columns], today)

    def write(self, values: list[Any], today: dt.date | None) -> Any:
        result = (self.compute(*values, today=today) if self.needs_today
                  else self.compute(*values))
        return None if result is None else self.output.to_representation(result)


class ComputedFieldSchema(OpenApiSerializerFieldExtension):
    """drf-spectacular documents a ComputedField as its output field."""

    target_class = ComputedField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        return auto_schema._map_serializer_field(self.target.output, direction)


def read_path(instance: models.Model, path: str) -> Any:
    """The value at an ORM path on a model instance, as values_list() would read it:
    None past an empty relation, a list across a to-many one (its prefetched rows
    when there are)."""
    name, _, rest = path.partition("__")
    if name == "pk":
        name = instance._meta.pk.name
    relation: Any = instance._meta.get_field(name)
    if relation.many_to_many or relation.one_to_many:
        accessor = relation.get_accessor_name() if relation.auto_created else name
        return [read_path(item, rest) for item in getattr(instance, accessor).all()]
    value = getattr(instance, name)
    if not rest or value is None:
        return value
    return read_path(value, rest)


Writer = Callable[[Row, "_Page"], Any]


@dataclass
class _Page:
    """What one build() fetched besides the rows: the related rows, by parent id."""

    today: dt.date
    many: dict[str, dict[Any, list[Row]]] = field(default_factory=dict)
    nested: dict[str, dict[Any, list[dict[str, Any]]]] = field(default_factory=dict)


@dataclass
class _Plan:
    columns: list[str]  # what values_list() selects; the primary key first
    many: dict[str, list[str]] = field(default_factory=dict)  # to-many: columns across it
    nested: dict[str, SerializerRows] = field(default_factory=dict)  # to-many: its serializer
    writers: list[tuple[str, Writer]] = field(default_factory=list)  # output, in order


AnySerializer = serializers.BaseSerializer[Any]


class SerializerRows:
    """The output of `serializer` for values_list() rows of `model`:

        rows = SerializerRows(DeadlineSerializer, Communication)
        page = rows.build(list(rows.select(queryset)[:50]), today)

    The plan is made on first use, from the serializer's readable fields."""

    def __init__(self, serializer: type[AnySerializer] | AnySerializer,
                 model: type[models.Model] | None = None) -> None:
        self.serializer = serializer
        self.model: type[models.Model] = model or serializer.Meta.model  # type: ignore[union-attr]
        self.label = (serializer if isinstance(serializer, type) else type(serializer)).__name__

    @property
    def columns(self) -> list[str]:
        return self._plan.columns

    def select(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.values_list(*self._plan.columns)

    def build(self, rows: Sequence[Row], today: dt.date) -> list[dict[str, Any]]:
        """The serializer's output for `rows` (from select()): one more query for each
        to-many relation the fields read, whatever the number of rows."""
        plan = self._plan
        ids = [row[0] for row in rows]
        page = _Page(today)
        if ids:
            for relation, columns in plan.many.items():
                page.many[relation] = self._fetch_many(relation, columns, ids)
            for relation, child in plan.nested.items():
                page.nested[relation] = self._fetch_nested(relation, child, ids, today)
        return [{name: write(row, page) for name, write in plan.writers} for row in rows]

    # --- the plan ---------------------------------------------------------------------
    @cached_property
    def _plan(self) -> _Plan:
        serializer = self.serializer() if isinstance(self.serializer, type) else self.serializer
        plan = _Plan(columns=[self.model._meta.pk.name])
        for name, field_ in serializer.fields.items():  # type: ignore[attr-defined]
            if not field_.write_only:
                plan.writers.append((name, self._writer(plan, name, field_)))
        return plan

    def _writer(self, plan: _Plan, name: str,
                field_: serializers.Field[Any, Any, Any, Any]) -> Writer:
        where = f"{self.label}.{name}"
        if isinstance(field_, ComputedField):
            readers = [self._reader(plan, column, where) for column in field_.columns]
            return lambda row, page: field_.write([read(row, page) for read in readers],
                                                  page.today)
        if isinstance(field_, serializers.ListSerializer):
            relation = self._to_many(field_.source or "", where)
            plan.nested[relation] = SerializerRows(
                field_.child, self.model._meta.get_field(relation).related_model)  # type: ignore[arg-type]
            return lambda row, page: page.nested[relation].get(row[0], [])
        if (isinstance(field_, ManyRelatedField)
                and type(field_.child_relation) is PrimaryKeyRelatedField):
            read = self._reader(plan, f"{self._to_many(field_.source or '', where)}__pk", where)
            to_id = field_.child_relation.to_representation
            return lambda row, page: [to_id(PKOnlyObject(pk)) for pk in read(row, page)]
        if not _reads_one_column(field_):
            raise ImproperlyConfigured(
                f"{where} cannot be read from rows: declare it as a ComputedField of the "
                f"columns it reads (btech/api/rows.py).")
        column = "__".join(field_.source_attrs)
        self._check_column(column, where, nullable_ok=field_.allow_null)
        index = self._index(plan, column)
        to_representation = field_.to_representation
        if isinstance(field_, PrimaryKeyRelatedField):
            return lambda row, page: (None if row[index] is None
                                      else to_representation(PKOnlyObject(row[index])))
        return lambda row, page: (None if row[index] is None
                                  else to_representation(row[index]))

    def _reader(self, plan: _Plan, column: str, where: str) -> Callable[[Row, _Page], Any]:
        """How to read `column` for a row: its place in the row, or, across a to-many
        relation, the list of its values in the related rows."""
        head, _, rest = column.partition("__")
        if head != "pk" and self._is_to_many(head):
            if not rest:
                raise ImproperlyConfigured(f"{where}: name a column across {head}.")
            columns = plan.many.setdefault(head, [])
            if rest not in columns:
                columns.append(rest)
            position = columns.index(rest)
            return lambda row, page: [values[position]
                                      for values in page.many[head].get(row[0], ())]
        self._check_column(column, where, nullable_ok=True)
        index = self._index(plan, column)
        return lambda row, page: row[index]

    def _index(self, plan: _Plan, column: str) -> int:
        if column == "pk":
            column = self.model._meta.pk.name
        if column not in plan.columns:
            plan.columns.append(column)
        return plan.columns.index(column)

    def _is_to_many(self, name: str) -> bool:
        try:
            relation = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return bool(relation.many_to_many or relation.one_to_many)

    def _to_many(self, source: str, where: str) -> str:
        if not self._is_to_many(source):
            raise ImproperlyConfigured(f"{where}: {source} is not a to-many relation.")
        return source

    def _check_column(self, column: str, where: str, *, nullable_ok: bool) -> None:
        """A stored column, reached through foreign keys only. Through a nullable one,
        the row reads None where DRF would skip the field, unless it allows null."""
        model = self.model
        *path, last = column.split("__")
        for name in path:
            relation = self._field(model, name, where)
            if not (relation.many_to_one or relation.one_to_one) or relation.auto_created:
                raise ImproperlyConfigured(f"{where}: {name} is not a foreign key.")
            if relation.null and not nullable_ok:
                raise ImproperlyConfigured(f"{where}: {name} may be empty; allow_null=True.")
            model = relation.related_model
        if last != "pk" and not getattr(self._field(model, last, where), "concrete", False):
            raise ImproperlyConfigured(f"{where}: {last} is not a stored column.")

    @staticmethod
    def _field(model: type[models.Model], name: str, where: str) -> Any:
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(
                f"{where}: {model.__name__}.{name} is not a column; declare the field as a "
                f"ComputedField of the columns it reads.") from None

    # --- related rows -----------------------------------------------------------------
    def _related_rows(self, relation: str, columns: Sequence[str],
                      ids: list[Any]) -> QuerySet[Any]:
        """(parent id, *columns) for every related row of the parents `ids`, in the
        order the relation's .all() gives (the related model's default ordering)."""
        descriptor = self.model._meta.get_field(relation)
        related: type[models.Model] = descriptor.related_model  # type: ignore[assignment]
        if descriptor.one_to_many:  # a reverse foreign key, e.g. letter -> replies
            parent = descriptor.field.name  # type: ignore[union-attr]
            return (related._default_manager.filter(**{f"{parent}__in": ids})
                    .values_list(parent, *columns))
        if descriptor.many_to_many and not descriptor.auto_created:
            # Through the link table, as prefetch_related does: one join, and the
            # related model's ordering applied across it.
            through: type[models.Model] = descriptor.remote_field.through  # type: ignore[union-attr]
            parent = descriptor.m2m_field_name()  # type: ignore[union-attr]
            target = descriptor.m2m_reverse_field_name()  # type: ignore[union-attr]
            ordering = [_across(target, term) for term in related._meta.ordering or ()]
            return (through._default_manager.filter(**{f"{parent}__in": ids})
                    .order_by(*ordering)
                    .values_list(parent, *(target if column == "pk" else f"{target}__{column}"
                                           for column in columns)))
        raise ImproperlyConfigured(f"{self.model.__name__}.{relation}: an unsupported relation.")

    def _fetch_many(self, relation: str, columns: list[str],
                    ids: list[Any]) -> dict[Any, list[Row]]:
        grouped: dict[Any, list[Row]] = defaultdict(list)
        for parent, *values in self._related_rows(relation, columns, ids):
            grouped[parent].append(values)
        return grouped

    def _fetch_nested(self, relation: str, child: SerializerRows, ids: list[Any],
                      today: dt.date) -> dict[Any, list[dict[str, Any]]]:
        rows = list(self._related_rows(relation, child.columns, ids))
        grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        built = child.build([row[1:] for row in rows], today)
        for row, item in zip(rows, built, strict=True):
            grouped[row[0]].append(item)
        return grouped


def _reads_one_column(field_: serializers.Field[Any, Any, Any, Any]) -> bool:
    """A plain field over a source path, or a primary key: not a method, a nested
    serializer, the whole object, or another kind of relation."""
    if isinstance(field_, (serializers.BaseSerializer, serializers.SerializerMethodField,
                           ManyRelatedField)) or field_.source == "*":
        return False
    return (not isinstance(field_, serializers.RelatedField)
            or type(field_) is PrimaryKeyRelatedField)


def _across(relation: str, term: Any) -> str:
    """A default-ordering term of the related model, as seen from the link table."""
    if not isinstance(term, str):
        raise ImproperlyConfigured(f"Ordering {term!r} across {relation}: name a column.")
    descending = term.startswith("-")
    return f"{'-' if descending else ''}{relation}__{term.removeprefix('-')}"
