"""
`manage.py importoews RELEASE [--manifest PATH] [--dry-run]`: (re)write the committed OEWS
extract (occupations/data/oews-YYYY.csv.gz and its .json) from a BLS OEWS release database, for the
SOC codes of the shipped catalogue (catalog/catalog.json). `make oews` fetches the release
and runs this; `loadcatalog` then loads the extract.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog import national_pay
from occupations import oews
from occupations.loading import DATA_DIR

CATALOG_PATH = Path(__file__).resolve().parents[2] / "catalog.json"


def catalogue_soc_codes(path=CATALOG_PATH):
    with open(path, encoding="utf-8") as handle:
        careers = json.load(handle)["careers"]
    return sorted({career["soc_code"] for career in careers if career.get("soc_code")})


class Command(BaseCommand):
    help = (
        "Write occupations/data/oews-YYYY.csv.gz (and its .json) from a BLS OEWS release database "
        "(oews-YYYY.sqlite.gz with its manifest.json), for the catalogue's SOC codes."
    )

    def add_arguments(self, parser):
        parser.add_argument("release", help="oews-YYYY.sqlite.gz (or .sqlite)")
        parser.add_argument(
            "--manifest", help="The release's manifest.json (default: beside the release)."
        )
        parser.add_argument(
            "--out", help="Where to write the extract (default: occupations/data/oews-YYYY.csv.gz)."
        )
        parser.add_argument(
            "--catalogue",
            default=str(CATALOG_PATH),
            help=(
                "The catalogue whose SOC codes to extract and whose national pay to bring to "
                "the release (default: catalog/catalog.json)."
            ),
        )
        parser.add_argument(
            "--package", default="", help="Where the release came from, e.g. a PyPI wheel."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything; write nothing."
        )

    def handle(self, *args, release, manifest, out, catalogue, package, dry_run, **options):
        release = Path(release)
        manifest = Path(manifest) if manifest else release.with_name("manifest.json")
        for path in (release, manifest):
            if not path.exists():
                raise CommandError(f"{path}: no such file.")
        try:
            info = oews.release_info(manifest)
            if package:
                info["package"] = package
            oews.verify_release_file(release, info)
            socs = catalogue_soc_codes(catalogue)
            rows = oews.read_release(release, socs)
        except oews.OEWSFormatError as error:
            raise CommandError(f"Nothing was written: {error}") from None
        national = {row.soc for row in rows if row.area_type == "national"}
        missing = sorted(set(socs) - national)
        if missing:
            raise CommandError(
                f"Nothing was written: no national figures for {', '.join(missing)} in "
                f"{release.name}."
            )
        out = Path(out) if out else DATA_DIR / f"oews-{info['data_year']}.csv.gz"
        counts = oews.count_by_area_type(rows)
        described = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
        data = oews.extract_bytes(rows)
        same = out.exists() and out.read_bytes() == data
        pay = national_pay.update_catalogue(
            Path(catalogue), rows, info["data_year"], dry_run=dry_run
        )
        if dry_run:
            verdict = "unchanged" if same else ("changed" if out.exists() else "new")
            self.stdout.write(
                f"Dry run, nothing written: {out.name} would hold {len(rows):,} rows "
                f"({described}) for {len(socs)} SOC codes, {info['reference_period']} "
                f"({info['release_id']}); {verdict}; catalog.json: {pay.describe()}."
            )
            return
        written = oews.write_extract(rows, out, info)["extract"]
        self.stdout.write(
            f"{'Unchanged' if same else 'Wrote'} {out.name}: {written['rows']:,} rows "
            f"({described}), {written['bytes']:,} bytes, {info['reference_period']} "
            f"({info['release_id']}); catalog.json: {pay.describe()}. Load both with "
            "`manage.py loadcatalog`."
        )
