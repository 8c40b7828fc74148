"""
Reader queries built and compiled once per process, then run with each request's values.

Django builds a query anew every time it runs one: each filter is resolved through the
models' fields (paths, joins, lookups), then the whole query is compiled to SQL. For the few
queries every reader page runs, that work is about a third of the page's CPU time, and its
result never changes but for the values. ``CompiledQuery`` builds and compiles a queryset
once per process and database, with stand-ins for the values it is given by name; each call
then runs the same SQL with the call's values and makes the model instances as Django does
(``select_related``, annotations, deferred fields, then the queryset's prefetches).
SQLAlchemy's compiled cache and its "baked queries" rest on the same idea.

Only the SQL is kept, never a row: every call reads the database.
"""

import itertools
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import router
from django.db.models import prefetch_related_objects
from django.db.models.query import ModelIterable
from django.dispatch import receiver

# Values that no real query holds, standing for the parameters while the SQL is compiled.
# Integers stay within a 32-bit column's range: Django replaces an out-of-range value by an
# always-false condition.
FIRST_STAND_IN_INTEGER = 2_147_000_000
_compiled_queries = []
#: Compiled variants kept per query (one per list length or fixed argument): past that,
#: the oldest is dropped.
MAX_VARIANTS = 64


@dataclass(frozen=True)
class _Compiled:
    queryset: object
    sql: str
    # For each parameter of the SQL: None and the query's constant, or where the call's
    # value is: (the slot's name, None) or, in a list, (the slot's name, the index).
    parameters: tuple
    # What compiling left on Django's compiler that reading the rows needs (the selected
    # columns, the related objects' layout, the annotations' places).
    compiler_state: dict
    # The converters of the selected columns, for each connection that ran the query.
    converters: WeakKeyDictionary = field(default_factory=WeakKeyDictionary)


class _CompiledRun:
    """Stands for a queryset's ``Query`` during one run: its compiler returns the kept SQL."""

    def __init__(self, compiled, params):
        self.compiled = compiled
        self.params = params

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiled = self.compiled
        compiler = compiled.queryset.query.get_compiler(using, connection, elide_empty)
        vars(compiler).update(compiled.compiler_state)
        sql, params = compiled.sql, self.params
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        # Reading the rows asks the backend and each selected column's field for their
        # converters, every time: the same answer for every run of this SQL on one
        # connection, asked once (a page's queries select over a hundred columns).
        converters = compiled.converters.get(compiler.connection)
        if converters is None:
            columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
            converters = compiled.converters[compiler.connection] = compiler.get_converters(
                columns
            )
        # Its only caller, results_iter(), asks for those of the selected columns.
        compiler.get_converters = lambda expressions: converters
        return compiler


@dataclass
class _Run:
    """What Django's ModelIterable reads of a queryset."""

    db: str
    query: _CompiledRun
    model: type
    _known_related_objects: dict


class CompiledQuery:
    """A queryset of ``model`` made by ``build`` and compiled once per database and process.

    ``slots`` name the values that change from call to call and their type: ``str``,
    ``int`` or ``[int]``, a list of integers, whose length keys the compiled query. ``build``
    receives a stand-in for each of them, which must reach the SQL as it is (an exact or
    ``in`` lookup; not ``icontains``, which rewrites it). Any other keyword
    given to a call goes to ``build`` as it is and keys the compiled query: a limit, say.

        published_page = CompiledQuery(
            Article, lambda slug: Article.objects.published().filter(slug=slug), slug=str
        )
        articles = published_page(slug="la-une")   # a list of Article instances
    """

    def __init__(self, model, build, **slots):
        unknown = {name: kind for name, kind in slots.items() if kind not in (str, int, [int])}
        if unknown:
            raise ImproperlyConfigured(f"CompiledQuery slots are str, int or [int], not {unknown}")
        self.model = model
        self.build = build
        self.slot_types = slots
        self._compiled = {}
        _compiled_queries.append(self)

    def __call__(self, **values):
        slot_values = {
            name: _checked(name, kind, values.pop(name)) for name, kind in self.slot_types.items()
        }
        # A list's length is part of the SQL (one parameter per item).
        lengths = tuple(
            len(slot_values[name]) for name, kind in self.slot_types.items() if kind == [int]
        )
        if 0 in lengths:
            return []  # Nothing is in an empty list (Django runs no query either).
        db = router.db_for_read(self.model)
        key = (db, lengths, *sorted(values.items()))
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) >= MAX_VARIANTS:
                self._compiled.pop(next(iter(self._compiled)))
            compiled = self._compiled[key] = self._compile(db, slot_values, values)
        params = tuple(
            constant if slot is None else slot_values[slot] if index is None
            else slot_values[slot][index]
            for slot, index, constant in compiled.parameters
        )
        queryset = compiled.queryset
        run = _Run(
            db=db,
            query=_CompiledRun(compiled, params),
            model=queryset.model,
            _known_related_objects={},
        )
        objects = list(ModelIterable(run))
        if queryset._prefetch_related_lookups and objects:
            prefetch_related_objects(objects, *queryset._prefetch_related_lookups)
        return objects

    def _compile(self, db, slot_values, fixed_values):
        stand_ins, places = {}, {}
        integers = itertools.count(FIRST_STAND_IN_INTEGER)
        for name, kind in self.slot_types.items():
            if kind is str:
                stand_ins[name] = f"\x00{name}\x00"
                places[stand_ins[name]] = (name, None)
            elif kind is int:
                stand_ins[name] = next(integers)
                places[stand_ins[name]] = (name, None)
            else:
                stand_ins[name] = [next(integers) for _ in slot_values[name]]
                places.update((item, (name, index)) for index, item in enumerate(stand_ins[name]))
        queryset = self.build(**stand_ins, **fixed_values)
        if queryset._iterable_class is not ModelIterable or queryset._known_related_objects:
            raise ImproperlyConfigured("CompiledQuery runs querysets of model instances only")
        if queryset.model is not self.model:
            raise ImproperlyConfigured(f"CompiledQuery of {self.model} built {queryset.model}")
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        parameters = tuple(
            (*places.get(param, (None, None)), param)
            if type(param) in (str, int)
            else (None, None, param)
            for param in params
        )
        missing = set(places.values()) - {(slot, index) for slot, index, _ in parameters}
        if missing:
            raise ImproperlyConfigured(
                f"CompiledQuery: {sorted(missing)} did not reach the SQL unchanged"
            )
        compiler_state = {
            name: value
            for name, value in vars(compiler).items()
            if name not in ("query", "connection", "using", "elide_empty")
        }
        return _Compiled(queryset, sql, parameters, compiler_state)

    def clear(self):
        self._compiled.clear()


def _checked(name, kind, value):
    """``value`` as the type the slot was compiled for (a TextChoices member as its str)."""
    item_kind = int if kind == [int] else kind
    items = value if kind == [int] else [value]
    # None, say, would need other SQL (IS NULL); a bool is no integer to a database.
    if not all(isinstance(item, item_kind) and not isinstance(item, bool) for item in items):
        raise TypeError(f"CompiledQuery: {name}={value!r} is not of type {kind}")
    if kind == [int]:
        return [int(item) for item in items]
    return item_kind(value)


@receiver(setting_changed)
def _forget_compiled_queries(**kwargs):
    # A test's settings (databases, installed apps, a limit read by ``build``) may change
    # what the SQL would be.
    for compiled_query in _compiled_queries:
        compiled_query.clear()
