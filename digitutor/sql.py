"""What the reads written in SQL share: values as the ORM gives them, rows as model instances, pages for Paginator.

A few of the busiest pages read in SQL where Django took longer to build a query than the database to answer it
(docs/architecture.md, docs/performance.md). A plain cursor gives values as the database driver does, which is not
always what the ORM gives: SQLite's driver leaves datetimes without their zone (Django stores them in UTC) or gives
a subquery's as text, and decimals as floats, so sums are read as text. The functions here put those back.
"""

import functools
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import DateTimeField, Value
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

CENT = Decimal("0.01")  # an amount's two decimals, as a DecimalField(decimal_places=2) gives them

# year_bounds()' answers by (database, year, time zone); the years a process is asked about are few, but a year is
# part of some addresses, so only so many are kept.
_year_bounds = {}
_MOST_YEARS = 200


def aware(moment, zone=None):
    """A datetime as the database gave it, made aware: SQLite's are naive, in the connection's time zone (UTC; `zone`,
    when a list has looked it up once for its many rows). SQLite gives a subquery's datetime as text; None stays
    None."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, zone or connection.timezone)


def year_bounds(year):
    """(first moment, last moment, first day, last day) of the year as the database compares them: Django's own bounds
    of a __year lookup of a datetime (in the active time zone) and of a date.

    Worked out once per year, time zone and database in a process, as they depend on nothing else: Django's answer
    asks the time zone and adapts each value, some forty calls for each of the queries that count a year (three on
    the chair's and the treasurer's front page)."""
    key = (connection.alias, year, timezone.get_current_timezone())
    bounds = _year_bounds.get(key)
    if bounds is None:
        operations = connection.ops
        bounds = (
            *operations.year_lookup_bounds_for_datetime_field(year),
            *operations.year_lookup_bounds_for_date_field(year),
        )
        if len(_year_bounds) < _MOST_YEARS:
            _year_bounds[key] = bounds
    return bounds


@receiver(setting_changed)
def _forget_year_bounds(*, setting, **kwargs):
    """A test that changes the time zones or the databases changes the bounds too."""
    if setting in {"USE_TZ", "TIME_ZONE", "DATABASES"}:
        _year_bounds.clear()


def euros(text):
    """An amount read as text (SQLite gives a decimal column or sum exactly only so) as the ORM gives it: to the
    cent. None stays None (a sum over no rows)."""
    return Decimal(text).quantize(CENT) if text is not None else None


def decimal_or_none(text):
    """A decimal read as text, as it is, or None."""
    return Decimal(text) if text is not None else None


def _datetimes_as_text():
    """Whether datetime columns are read as text (SQLite), and the offset to write after them: SQLite keeps a datetime
    as naive text in the connection's zone, UTC unless DATABASES says otherwise."""
    if connection.vendor != "sqlite":
        return False, ""
    return True, "+00:00" if connection.timezone_name == "UTC" else ""


def datetime_column(column):
    """A datetime column in a SELECT for aware_datetimes(): on SQLite the text Django stored with UTC's offset after it,
    as `||` gives the driver no declared type to convert (its converter and Django's cost seven calls a row) and one
    fromisoformat() then reads an aware datetime."""
    as_text, offset = _datetimes_as_text()
    return f"{column} || '{offset}'" if as_text else column


def aware_datetimes(values):
    """The aware datetimes of a column read through datetime_column(), not None: one fromisoformat() a row for
    SQLite's text (a replace() a row more, some 1.3 µs each, for a connection in a zone other than UTC); PostgreSQL's
    come aware."""
    as_text, offset = _datetimes_as_text()
    zone = connection.timezone
    if as_text:
        from_text = datetime.fromisoformat
        if offset:
            return [from_text(value) for value in values]
        return [from_text(value).replace(tzinfo=zone) for value in values]
    return [value if value.tzinfo is not None else value.replace(tzinfo=zone) for value in values]


def datetime_converter():
    """A function from a datetime column as the database gives it to the aware datetime the ORM would give.

    A datetime the driver gave is done here as the ORM's converters do it: one with a zone (PostgreSQL's) stays as it
    is, a naive one (SQLite's) is in the connection's zone, UTC. Those converters cost ten calls a value, which for a
    member's hundred meetings was more than reading them; anything else (text, None) still goes through them."""
    expression = Value(None, output_field=DateTimeField())
    converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
    zone = connection.timezone if settings.USE_TZ else None

    def convert(value):
        if zone is not None and isinstance(value, datetime):
            return value if value.tzinfo is not None else value.replace(tzinfo=zone)
        for converter in converters:
            value = converter(value, expression, connection)
        return value

    return convert


class Table:
    """The columns of one table of a query written in SQL, and the model instance a row's share of them makes."""

    def __init__(self, model, alias, *, without=()):
        self.model = model
        self.alias = alias
        self.fields = [field for field in model._meta.concrete_fields if field.name not in without]
        self.attnames = [field.attname for field in self.fields]
        self._conversions = {}

    def columns(self):
        """The table's columns for a SELECT list, each named with the table's alias."""
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    def take(self, values, database=None):
        """The instance of the first len(fields) values (None where a LEFT JOIN found no row), and the values left.

        Each value converted as the ORM converts it: SQLite gives datetimes naive and decimals as floats, and JSON
        comes as text. `database`: the connection the row came from (a cursor's `db`), which a read of many tables
        can pass rather than have each look it up again (seven calls)."""
        own, rest = values[: len(self.fields)], values[len(self.fields) :]
        if own[0] is None:  # the primary key, first of every model read so
            return None, rest
        operations = (database or connection).ops
        database = operations.connection  # the connection itself, as the ORM passes it, not its proxy
        converted = list(own)
        for index, column, converters in self._conversions_for(operations):
            value = converted[index]
            for converter in converters:
                value = converter(value, column, database)
            converted[index] = value
        return self.model.from_db(database.alias, self.attnames, converted), rest

    def _conversions_for(self, operations):
        """(position, column, converters) of each field whose value the ORM converts, worked out once per table and
        connection: most fields have no converter, and a table kept for the process (a page's query written once)
        then converts its rows without looking any up."""
        conversions = self._conversions.get(operations)
        if conversions is None:
            conversions = self._conversions[operations] = [
                (index, field.cached_col, converters)
                for index, field in enumerate(self.fields)
                if (converters := _converters(operations, field))
            ]
        return conversions


@functools.cache
def _converters(operations, field):
    """The functions the ORM passes a field's database value through (the backend's, then the field's own).

    Kept per connection (its operations object) and field, neither of which changes until a restart: looking them up
    for a claim page's 130 columns cost as much as reading the rows."""
    return operations.get_db_converters(field.cached_col) + field.get_db_converters(operations.connection)


def prefetched(model, instances):
    """A queryset holding the instances already read, as prefetch_related() leaves one in an object's cache."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(instances)
    queryset._prefetch_done = True
    return queryset


class SqlPages:
    """A list read in SQL a page at a time, for django's Paginator: its count() and each slice are one query.

    `rows_sql` is ordered and takes LIMIT and OFFSET after it, or where it writes {page} (a page limited in a subquery
    and then joined to more rows, such as each row's tags); `rows_of` makes the fetched rows what the page lists.
    A page that read its list's count and one slice with another query says so with `known()`: Paginator then asks
    neither again (any other slice is still read here).
    """

    def __init__(self, *, count_sql, rows_sql, parameters, rows_of):
        self.count_sql, self.rows_sql, self.parameters, self.rows_of = count_sql, rows_sql, parameters, rows_of
        self._count, self._slice = None, None

    def known(self, *, count, start, limit, rows):
        """The list's count, and `rows` (as rows_of made them): what `LIMIT limit OFFSET start` gives."""
        self._count, self._slice = count, (start, limit, rows)

    def count(self):
        """How many rows the list has in all."""
        if self._count is not None:
            return self._count
        with connection.cursor() as cursor:
            cursor.execute(self.count_sql, self.parameters)
            return cursor.fetchone()[0]

    def __getitem__(self, rows):
        """The rows of a slice (a page), as rows_of makes them."""
        start = rows.start or 0
        if self._slice is not None:
            known_start, known_limit, known_rows = self._slice
            if start == known_start and rows.stop - start <= known_limit:  # Paginator cuts the last page short
                return known_rows[: rows.stop - start]
        parameters = {**self.parameters, "limit": rows.stop - start, "offset": start}
        with connection.cursor() as cursor:
            page = "LIMIT %(limit)s OFFSET %(offset)s"
            written = self.rows_sql.replace("{page}", page) if "{page}" in self.rows_sql else f"{self.rows_sql} {page}"
            cursor.execute(written, parameters)
            return self.rows_of(cursor.fetchall())
