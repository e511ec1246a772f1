"""
The README's commands work when followed literally: an editor account made in
development, with no secret key in the environment, signs in where the README says.
"""

import os
import re
import shlex
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()

pytestmark = pytest.mark.backend_independent


def readme_command(starting):
    (line,) = [line for line in README.splitlines() if line.startswith(starting)]
    return shlex.split(line.split("#")[0])


def test_the_readme_editor_command_works_as_written_and_says_where_to_sign_in(sqlite_copy, client):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in ("DATABASE_URL", "REDIS_URL")
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{sqlite_copy}",
        "DJANGO_EDITOR_PASSWORD": "a long walk home 7",
    }
    done = subprocess.run(
        readme_command("make editor"), cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr

    with sqlite3.connect(sqlite_copy) as db:
        staff, email = db.execute(
            "SELECT is_staff, email FROM auth_user WHERE username = 'ana'"
        ).fetchone()
    assert staff == 1 and email == "ana@example.org"

    (sign_in,) = set(re.findall(r"sign in at http://127\.0\.0\.1:8000(/\S+/)", README))
    assert client.get(sign_in, follow=True).status_code == 200
    assert "Log in" in client.get(sign_in, follow=True).content.decode()
