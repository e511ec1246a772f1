import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils import timezone

from publishing import schedule

logger = logging.getLogger("qoollege.publishing")

# Never sleep less than this between two checks (a due time a moment ago that could not
# be published yet must not turn the loop into a busy one).
SHORTEST_SLEEP = 0.5


class Command(BaseCommand):
    help = (
        "Publish the scheduled content that is due (drafts whose time has come), once. "
        "Run it every minute from cron or a systemd timer, or keep it running with --every "
        "(as `make serve` does). Until it has run, pages cached before a due time are not "
        "served; visitors' requests never publish anything themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="Keep running: check at least this often, and again at each due time.",
        )

    def handle(self, *args, every=None, **options):
        verbosity = options["verbosity"]
        if every is None:
            self.publish(verbosity)
            return
        if every <= 0:
            raise CommandError("--every takes a number of seconds above 0, e.g. --every 30.")
        if verbosity > 0:
            self.stdout.write(f"Publishing scheduled content when due (every {every:g} s).")
        try:
            while True:
                try:
                    due = self.publish(verbosity)
                except DatabaseError as error:
                    logger.warning("publishdue: the database did not answer (%s)", error)
                    due = None
                except Exception:  # keep the loop alive; the next check tries again
                    logger.exception("publishdue: publishing failed")
                    due = None
                finally:
                    connection.close()
                wait = every
                if due is not None:
                    wait = min(every, (due - timezone.now()).total_seconds())
                time.sleep(max(wait, SHORTEST_SLEEP))
        except KeyboardInterrupt:
            return

    def publish(self, verbosity):
        """Publish what is due now; return when the next publication is due (or None)."""
        due = schedule.next_due()
        if due is None or due > timezone.now():
            return due
        version = schedule.publish_due()
        if verbosity > 0:
            self.stdout.write(
                f"Published what was due at {timezone.localtime(due):%Y-%m-%d %H:%M:%S %Z}: "
                f"content version {version.number}."
            )
        return schedule.next_due()
