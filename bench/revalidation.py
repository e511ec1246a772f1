"""
What revalidation costs: each public page answered in full (200) and revalidated (304).

Browsers revalidate public pages on every visit (`max-age=0, must-revalidate` with an
ETag), so a visitor who comes back gets a 304 without a body instead of the page. This
times both, one request at a time on one keep-alive connection (no queueing), against a
server already running, e.g. `make serve PORT=8000`:

    .venv/bin/python bench/revalidation.py [http://127.0.0.1:8000] [--requests 300]

Each round sends the same page once without validators and once with the ETag it got,
alternating, and the table gives the medians and 90th percentiles of the client-side
time, and the bytes on the wire. Only 127.0.0.1 / localhost is ever requested.
"""

import argparse
import http.client
import statistics
import time
from urllib.parse import urlsplit

PAGES = [
    "/",
    "/careers/",
    "/careers/software-developer/",
    "/compare/devops-engineer-vs-mlops-engineer/",
]


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def fetch(connection, path, headers):
    start = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    head = sum(len(k) + len(v) + 4 for k, v in response.getheaders())
    return response.status, elapsed, len(body) + head, response.getheader("ETag")


def measure(base, path, requests):
    parts = urlsplit(base)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("Only a local server is measured.")
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    status, _ms, _size, etag = fetch(connection, path, {})
    if status != 200 or not etag:
        raise SystemExit(f"{path}: expected a 200 with an ETag, got {status} {etag!r}")
    for _ in range(5):  # warm both workers' copies
        fetch(connection, path, {})
    full, revalidated = [], []
    for _ in range(requests):
        status, ms, full_size, _ = fetch(connection, path, {})
        assert status == 200, status
        full.append(ms)
        status, ms, not_modified_size, _ = fetch(connection, path, {"If-None-Match": etag})
        assert status == 304, f"{path}: revalidation answered {status}"
        revalidated.append(ms)
    connection.close()
    return full, full_size, revalidated, not_modified_size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    print(f"{args.requests} of each, one connection, {args.base}\n")
    print("| page | 200 p50 ms | 200 p90 ms | 200 bytes | 304 p50 ms | 304 p90 ms | 304 bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path in PAGES:
        full, full_size, revalidated, small = measure(args.base, path, args.requests)
        print(
            f"| `{path}` | {statistics.median(full):.2f} | {percentile(full, 90):.2f} "
            f"| {full_size:,} | {statistics.median(revalidated):.2f} "
            f"| {percentile(revalidated, 90):.2f} | {small:,} |"
        )


if __name__ == "__main__":
    main()
