"""
Django's SQLite backend, with transactions that lock only when they are meant to write.

SQLite allows one writer at a time. `transaction_mode: IMMEDIATE` (settings) makes every
transaction take the write lock at BEGIN, so two writers queue on the busy timeout
instead of one failing half-way ("database is locked") when it tries to write after
reading. That is right for whatever writes: admin saves, sign-ins, management commands.
A visitor's page only reads, and in WAL mode a read never waits for a writer, so its
transactions (Django opens a few of its own) begin DEFERRED: a render never queues behind
an editor's save, and never fails because one took too long.

`read_only()` marks the code that only reads (qoollege.middleware.ReadOnlyRequests does so
for anonymous GET and HEAD requests); everything else keeps the configured mode.

Django finds out once per connection whether SQLite has its JSON functions, by running
one inside a transaction, and remembers the answer for as long as the worker lives. Under
IMMEDIATE that probe waits for the write lock: if it timed out, the worker answered "no
JSON" and failed every later page that uses JSONObject() until it was restarted. Here
the probe runs without a transaction, and a lock error is never taken as the answer.
"""

import contextvars
from contextlib import contextmanager

from django.db import OperationalError
from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property

_read_only = contextvars.ContextVar("qoollege_sqlite_read_only", default=False)


@contextmanager
def read_only():
    """Transactions begun inside this block are DEFERRED: they take no write lock."""
    token = _read_only.set(True)
    try:
        yield
    finally:
        _read_only.reset(token)


def is_read_only():
    return _read_only.get()


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def supports_json_field(self):
        with self.connection.cursor() as cursor:
            try:
                cursor.execute('SELECT JSON(\'{"a": "b"}\')')
            except OperationalError as error:
                if "no such function" in str(error).lower():
                    return False
                raise  # busy or locked: no answer yet, ask again next time
        return True


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures

    def _start_transaction_under_autocommit(self):
        if is_read_only():
            self.cursor().execute("BEGIN DEFERRED")
        else:
            super()._start_transaction_under_autocommit()
