"""python -m occupations.oews build|check …"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from occupations.oews.codes import _sha256_file
from occupations.oews.extract import (
    info_path,
    read_extract,
    write_extract,
)
from occupations.oews.release import (
    read_release,
    release_info,
    verify_release_file,
)

# --- Command line -------------------------------------------------------------------------------


def soc_codes_from_careers(path):
    """The non-empty soc_code values of careers_facts.csv."""
    with open(path, encoding="utf-8", newline="") as handle:
        return sorted({row["soc_code"] for row in csv.DictReader(handle) if row["soc_code"]})


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m occupations.oews", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the extract and its .json")
    build.add_argument("--release", required=True, help="oews-YYYY.sqlite.gz or .sqlite")
    build.add_argument("--manifest", required=True, help="the release's manifest.json")
    build.add_argument("--careers", required=True, help="careers_facts.csv (column soc_code)")
    build.add_argument("--out", required=True, help="e.g. occupations/data/oews-2025.csv.gz")
    build.add_argument("--package", default="", help="where the release came from")
    check = commands.add_parser("check", help="validate an extract against its .json")
    check.add_argument("extract")
    args = parser.parse_args(argv)

    if args.command == "build":
        info = release_info(args.manifest)
        if args.package:
            info["package"] = args.package
        verify_release_file(args.release, info)
        socs = soc_codes_from_careers(args.careers)
        rows = read_release(args.release, socs)
        missing = sorted(set(socs) - {row.soc for row in rows if row.area_type == "national"})
        if missing:
            print(f"{args.release}: no national figures for {', '.join(missing)}", file=sys.stderr)
            return 1
        written = write_extract(rows, args.out, info)["extract"]
        print(
            f"{args.out}: {written['rows']} rows, {written['bytes']:,} bytes, "
            f"{written['rows_by_area_type']}"
        )
        return 0

    rows = read_extract(args.extract)
    with open(info_path(args.extract), encoding="utf-8") as handle:
        described = json.load(handle)["extract"]
    if _sha256_file(args.extract) != described["sha256"] or len(rows) != described["rows"]:
        print(f"{args.extract}: does not match {info_path(args.extract)}", file=sys.stderr)
        return 1
    print(f"{args.extract}: {len(rows)} rows, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
