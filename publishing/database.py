"""
Bounded waits on the database, and a breaker that stops asking one that does not answer.

PostgreSQL's `connect_timeout` bounds connecting and its `statement_timeout` (settings)
bounds a statement the server runs; neither helps when the server accepts and then never
answers (a wedged process, a stuck proxy): psycopg would wait for ever, each request that
reached the database would hold its worker thread for good, and soon cached pages too
would find no thread to serve them. So every wait of a connection for an answer is
bounded here as well, at the statement timeout plus ANSWER_MARGIN seconds; the
connection is then closed (its state is unknown) and the request gets an
OperationalError: a 503, or the page's cached copy.

The breaker remembers, per process, that the database failed to answer (and tells the
others through the shared cache): for RETRY seconds nothing waits on it again (a page
not in the cache gets its last copy or a quick 503); then one request at a time that
needs a render tries it, and the first that gets an answer (or /healthz's probe) closes
the breaker. Until then the content version comes from memory: a cached hit never waits
on a database that failed.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError

logger = logging.getLogger("qoollege")

ANSWER_MARGIN = 2
RETRY = 5.0
SHARED_KEY = "database-not-answering"


def bound_answers(sender, connection, **kwargs):
    """connection_created: bound each wait of a new PostgreSQL connection for an answer."""
    if connection.vendor != "postgresql" or not settings.DB_STATEMENT_TIMEOUT:
        return
    import psycopg

    raw = connection.connection
    unbounded = raw.wait
    budget = settings.DB_STATEMENT_TIMEOUT + ANSWER_MARGIN

    def wait(gen, *args, timeout=None, **kwargs):
        try:
            return unbounded(gen, *args, timeout=budget if timeout is None else timeout, **kwargs)
        except psycopg.OperationalError as error:
            # psycopg raises its (private) _WaitTimeout when the wait's timeout expires.
            if timeout is not None or "timeout expired" not in str(error):
                raise
            raw.close()  # half-way through an exchange: never reuse it
            raise psycopg.OperationalError(
                f"the database did not answer within {budget} s"
            ) from None

    raw.wait = wait


class Breaker:
    def __init__(self):
        self.lock = threading.Lock()
        self.open_until = 0.0  # 0: closed (the database answers)
        self.trying = False  # one request is trying the database after RETRY

    def is_closed(self):
        return self.open_until == 0.0

    def may_ask(self):
        """Whether this request may wait on the database now."""
        with self.lock:
            if self.open_until == 0.0:
                return True
            if time.monotonic() < self.open_until or self.trying:
                return False
            self.trying = True
            return True

    def failed(self, error=None, here=True):
        with self.lock:
            first = self.open_until == 0.0
            self.open_until = time.monotonic() + RETRY
            self.trying = False
        if here:
            # Other processes and app servers learn it from the shared cache.
            cache.set(SHARED_KEY, True, RETRY)
        if first:
            if not here:
                why = "seen by another process"
            else:
                why = type(error).__name__ if error is not None else "no answer"
            logger.warning(
                "Database not answering (%s): not waiting on it for %.0f s at a time", why, RETRY
            )

    def failed_elsewhere(self):
        """Whether another process found the database not answering moments ago (then
        this one does not wait on it either)."""
        if not cache.get(SHARED_KEY):
            return False
        self.failed(here=False)
        return True

    def trial_over(self):
        """A request that was let through to try the database ended without a failure."""
        if self.trying:
            self.answered()

    def answered(self):
        with self.lock:
            if self.open_until == 0.0:
                return
            self.open_until, self.trying = 0.0, False
        cache.delete(SHARED_KEY)
        logger.warning("Database answering again")

    def reset(self):
        with self.lock:
            self.open_until, self.trying = 0.0, False


breaker = Breaker()


# PostgreSQL's own codes for "cannot talk to the server": connection exceptions, and the
# server shutting down or starting up.
UNREACHABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def unreachable(error):
    """
    Whether a database error says the database is out of reach, rather than that one
    query or one transaction failed (a deadlock, a lock timeout, a cancelled slow
    statement, a missing table): only the first opens the breaker.
    """
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if cause is not None and type(cause).__module__.startswith("psycopg"):
        # Errors the server reported carry an SQLSTATE; a connection that failed,
        # closed or timed out on the client's side has none.
        sqlstate = getattr(cause, "sqlstate", None)
        return sqlstate is None or sqlstate.startswith(UNREACHABLE_SQLSTATES)
    text = str(error).lower()
    return "unable to open database" in text or "disk i/o error" in text
