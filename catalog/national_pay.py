"""
The catalogue's national pay (a career's 10th–90th percentile range, median and year, shown
on comparisons, the careers index and the guide's quick figures) comes from the same OEWS
release as its pay by state: `importoews` calls `update_catalogue` after writing the extract,
so one refresh (`make oews`) moves every figure of the site to the new release together.

Careers without a SOC code (stated ranges from other sources) are left as they are, and so is
any career whose national annual 10th or 90th percentile the release does not publish (an
occupation paid only by the hour, say): the report names it for an editor to look at.
"""

import json
import re
from dataclasses import dataclass, field

from catalog.loader import dumps
from occupations import oews

OEWS_PAGE = "https://www.bls.gov/oes/{year}/may/oes{code}.htm"
_OEWS_PAGE = re.compile(r"^https://www\.bls\.gov/oes/(?:[0-9]{4}/may|current)/oes[0-9]{6}\.htm$")


@dataclass
class NationalPayReport:
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the release lacks a figure; left alone

    def describe(self):
        text = (
            f"national pay of {len(self.changed)} careers updated, "
            f"{len(self.unchanged)} already current"
        )
        if self.kept:
            text += f"; kept the old figures of {', '.join(self.kept)} (not in the release)"
        return text


def national_rows(rows):
    return {row.soc: row for row in rows if row.area_type == "national"}


def pay_fields(row, year):
    """The catalogue fields of a career for its national OEWS row, or None when the release
    does not publish the annual range."""
    low, high = row.annual_p10, row.annual_p90
    top_coded = row.is_top_coded("annual_p90")
    if top_coded:
        high = oews.TOP_CODE_ANNUAL
    if low is None or high is None:
        return None
    median = None if row.is_top_coded("annual_median") else row.annual_median
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_max_top_coded": top_coded,
        "salary_median": median,
        "salary_year": year,
        "pay_basis": "percentiles",
    }


def _update_sources(sources, soc, year):
    """Point the career's OEWS wage source at the release's page for the occupation."""
    url = OEWS_PAGE.format(year=year, code=soc.replace("-", ""))
    for source in sources:
        if _OEWS_PAGE.match(source.get("url", "")):
            source["url"] = url
            source["period"] = f"May {year}"


def update_careers(careers, rows, year):
    """Update catalogue career records (dicts, as in catalog.json) in place."""
    national = national_rows(rows)
    report = NationalPayReport()
    for career in careers:
        soc = career.get("soc_code")
        if not soc:
            continue
        row = national.get(soc)
        fields = pay_fields(row, year) if row else None
        if fields is None:
            report.kept.append(career["slug"])
            continue
        before = json.dumps(career, sort_keys=True)
        career.update(fields)
        _update_sources(career.get("sources", []), soc, year)
        same = json.dumps(career, sort_keys=True) == before
        (report.unchanged if same else report.changed).append(career["slug"])
    return report


def update_catalogue(path, rows, year, dry_run=False):
    """Rewrite the national pay of catalog.json at `path` from the release's rows."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    report = update_careers(data["careers"], rows, int(year))
    if report.changed and not dry_run:
        oews.write_atomically(path, dumps(data).encode("utf-8"))
    return report
