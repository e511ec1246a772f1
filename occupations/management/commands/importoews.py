"""
`manage.py importoews RELEASE [--manifest M] [--out PATH] [--dry-run]`: write the committed OEWS
extracts (occupations/data/oews-YYYY.csv.gz with its .json, and oews-YYYY-industries.csv.gz)
from a BLS OEWS release database, for every detailed occupation of the Employment Projections
file. `make oews` fetches the release and runs this; `loadcatalog` then loads the extracts.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from occupations import ep, industries, oews
from occupations.files import DATA_DIR, EP_FILE


class Command(BaseCommand):
    help = (
        "Write occupations/data/oews-YYYY.csv.gz (and its .json) and the industries extract "
        "from a BLS OEWS release database, for every occupation in the projections file."
    )

    def add_arguments(self, parser):
        parser.add_argument("release", help="oews-YYYY.sqlite.gz (or .sqlite) from the release")
        parser.add_argument(
            "--manifest", help="The release's manifest.json (default: beside the release)."
        )
        parser.add_argument(
            "--out", help="Where to write the extract (default: occupations/data/oews-YYYY.csv.gz)."
        )
        parser.add_argument(
            "--package", default="", help="Where the release came from, e.g. a PyPI wheel."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything; write nothing."
        )

    def handle(self, *args, release, manifest, out, package, dry_run, **options):
        release = Path(release)
        manifest = Path(manifest) if manifest else release.with_name("manifest.json")
        for path in (release, manifest):
            if not path.exists():
                raise CommandError(f"{path}: no such file.")
        try:
            socs = [row.soc_code for row in ep.read_projections(EP_FILE)]
            info = oews.release_info(manifest)
            if package:
                info["package"] = package
            oews.verify_release_file(release, info)
            rows = oews.read_release(release, socs)
            by_industry = industries.read_release(release, socs)
        except (oews.OEWSFormatError, ep.ProjectionsError) as error:
            raise CommandError(f"Nothing was written: {error}") from None
        national = {row.soc for row in rows if row.area_type == "national"}
        missing = sorted(set(socs) - national)
        out = Path(out) if out else DATA_DIR / f"oews-{info['data_year']}.csv.gz"
        industries_out = out.with_name(out.name.replace(".csv.gz", "-industries.csv.gz"))
        counts = oews.count_by_area_type(rows)
        described = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
        data = oews.extract_bytes(rows)
        same = out.exists() and out.read_bytes() == data
        unpublished = f"; no national figures published for {', '.join(missing)}" if missing else ""
        if dry_run:
            verdict = "unchanged" if same else ("changed" if out.exists() else "new")
            self.stdout.write(
                f"Dry run, nothing written: {out.name} would hold {len(rows):,} rows "
                f"({described}) for {len(socs)} SOC codes, {info['reference_period']} "
                f"({info['release_id']}); {verdict}{unpublished}."
            )
            return
        written = oews.write_extract(rows, out, info)["extract"]
        oews.write_atomically(industries_out, industries.extract_bytes(by_industry))
        self.stdout.write(
            f"{'Unchanged' if same else 'Wrote'} {out.name}: {written['rows']:,} rows "
            f"({described}), {written['bytes']:,} bytes, {info['reference_period']} "
            f"({info['release_id']}){unpublished}; {industries_out.name}: "
            f"{len(by_industry):,} rows. Load them with `manage.py loadcatalog`."
        )
