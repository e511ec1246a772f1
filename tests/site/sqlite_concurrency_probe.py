"""
Run as a script (by test_sqlite_concurrency.py) against a SQLite *file*, new or a copy of
the test database: editor writes in threads while readers load pages, then report errors
and lost writes as JSON.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qoollege.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from careers.models import Career, Source  # noqa: E402

WRITERS, READERS, EDITS = 4, 4, 15
PAGES = [
    "/",
    "/careers/",
    "/careers/plumber/",
    "/compare/devops-engineer-vs-mlops-engineer/",
    "/search/?q=engineer",
]


def main():
    setup_test_environment()
    # Pages render without `collectstatic` here, as in the rest of the suite.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    call_command("migrate", verbosity=0)
    if not Career.objects.exists():  # not a copy of the test database
        call_command("loadcatalog", verbosity=0)
    slugs = list(Career.objects.order_by("slug").values_list("slug", flat=True)[:WRITERS])
    errors, reads = [], []
    done = threading.Event()

    def writer(index, slug):
        try:
            for edit in range(EDITS):
                with transaction.atomic():
                    career = Career.objects.get(slug=slug)
                    career.typical_hours = f"writer {index} edit {edit}"
                    career.save()
                    Source.objects.create(career=career, title=f"probe {index}-{edit}")
        except Exception as error:  # report every failure, never hide one
            errors.append(f"writer {index}: {type(error).__name__}: {error}")
        finally:
            connection.close()

    def reader(index):
        client, count = Client(), 0
        try:
            while not done.is_set():
                for path in PAGES:
                    status = client.get(path).status_code
                    if status != 200:
                        errors.append(f"reader {index}: {path} answered {status}")
                    count += 1
        except Exception as error:
            errors.append(f"reader {index}: {type(error).__name__}: {error}")
        finally:
            reads.append(count)
            connection.close()

    started = time.perf_counter()
    readers = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    writers = [threading.Thread(target=writer, args=(i, s)) for i, s in enumerate(slugs)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    for thread in readers:
        thread.join()

    lost = []
    for index, slug in enumerate(slugs):
        career = Career.objects.get(slug=slug)
        if career.typical_hours != f"writer {index} edit {EDITS - 1}":
            lost.append(f"{slug}: last edit missing ({career.typical_hours!r})")
        made = Source.objects.filter(career=career, title__startswith=f"probe {index}-").count()
        if made != EDITS:
            lost.append(f"{slug}: {made} of {EDITS} sources saved")
    print(
        json.dumps(
            {
                "errors": errors,
                "lost": lost,
                "writes": WRITERS * EDITS,
                "reads": sum(reads),
                "seconds": round(time.perf_counter() - started, 2),
                "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
