"""
`make screenshots`: the README's pictures of the site, taken from a running copy so they
stay current. Serves this checkout as `make serve` does (gunicorn, DEBUG off, collected
static files) on a free port, or uses `--url` of a site already running, and photographs
the home page, a guide and a comparison on a 360 px phone and a 1280 px desktop, in light
mode and (phone) dark mode, with Playwright on the system Chromium. Writes
docs/screenshots/<page>-<device>[-dark].png (or `--out DIR`).
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "/",
    "guide": "/careers/registered-nurse/",
    "comparison": "/compare/registered-nurse-vs-nurse-practitioner/",
    "compare": "/compare/",
    "careers": "/careers/",
}
DEVICES = {
    # The first screen a visitor sees, not the whole page: keeps the files small and
    # shows what matters most (key numbers first).
    "phone": {
        "viewport": {"width": 360, "height": 780},
        "device_scale_factor": 1,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1},
}
SHOTS = [
    (page, device, scheme)
    for page in PAGES
    for device in DEVICES
    for scheme in ("light", "dark")
    if scheme == "light" or (device == "phone" and page in ("home", "guide", "comparison"))
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url):
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def serve(port):
    """gunicorn as `make serve` runs it, in its own process group; returns the process."""
    secret = (ROOT / ".secret-key").read_text().strip()
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_DEBUG": "false",
        "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    for args in (["collectstatic", "--no-input", "-v0"], ["bumpcontentversion", "-v0"]):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True)
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "qoollege.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited before answering; try `make serve` to see why")
        if answers(f"http://127.0.0.1:{port}"):
            return process
        time.sleep(0.3)
    process.terminate()
    sys.exit("gunicorn did not answer /healthz within 60 s")


def photograph(base, out):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for name, device, scheme in SHOTS:
                context = browser.new_context(**DEVICES[device], color_scheme=scheme)
                page = context.new_page()
                page.goto(base + PAGES[name], wait_until="networkidle")
                suffix = "" if scheme == "light" else "-dark"
                path = out / f"{name}-{device}{suffix}.png"
                page.screenshot(path=str(path))
                context.close()
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        finally:
            browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--url", help="a site already running, e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"No Chromium at {CHROMIUM}: apt-get install -y chromium")
    if options.url:
        photograph(options.url.rstrip("/"), options.out)
        return
    port = free_port()
    server = serve(port)
    try:
        photograph(f"http://127.0.0.1:{port}", options.out)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
