"""SQLite under concurrency: editors write while visitors read; nothing locks, nothing is lost."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("sqlite_concurrency_probe.py")

# Its own SQLite file: the same on every run's database.
pytestmark = pytest.mark.backend_independent


def test_concurrent_writes_and_reads_on_a_sqlite_file(tmp_path, sqlite_copy):
    site = tmp_path / "site.sqlite3"
    if sqlite_copy:  # migrated, with the catalogue: the probe need not load it again
        sqlite_copy.rename(site)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{site}",
        DJANGO_SECRET_KEY="concurrency-probe-key",
        DJANGO_DEBUG="false",
        DJANGO_SITE_URL="http://127.0.0.1",
        # Readers render again after every edit, all from one address: no cap on renders.
        DJANGO_PAGE_MISSES_PER_MINUTE="0",
    )
    result = subprocess.run(
        [sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["journal_mode"] == "wal"
    assert report["errors"] == []
    assert report["lost"] == []
    assert report["reads"] > 50
    assert not any("locked" in line for line in result.stderr.splitlines())
