"""
All the public releases at once: read every committed file (projections, O*NET profiles, OEWS
wages by area and by industry), checking everything before anything is written, then load
them in the caller's transaction, writing only what differs.
"""

from dataclasses import dataclass, field

from occupations import ep, industries, oews, onet_files
from occupations.files import EP_FILE, INDUSTRIES_FILE, PROFILES_FILE
from occupations.loading import AreaWagesError, WagesReport, load_area_wages, read_area_wages
from occupations.models import Occupation
from occupations.onet import load_profiles
from publishing import versions


class ReleasesError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the public data files")


@dataclass
class Releases:
    projections: list  # occupations.ep.Projection, detailed occupations only
    profiles: dict  # occupations.onet_files' format
    wages: object = None  # occupations.loading.Extract, or None: wages left as they are
    industries: list = field(default_factory=list)  # occupations.industries.IndustryRow

    @property
    def soc_codes(self):
        return [row.soc_code for row in self.projections]

    def national_wages(self):
        """{soc: OEWSRow} of the national rows, or {} without the wages."""
        if self.wages is None:
            return {}
        return {row.soc: row for row in self.wages.rows if row.area_type == "national"}


@dataclass
class ReleasesReport:
    occupations: str = "unchanged"
    created: int = 0
    updated: int = 0
    deleted: int = 0
    profiles: str = "unchanged"
    wages: WagesReport | None = None

    def summary(self):
        text = (
            f"occupations: {self.created} created, {self.updated} updated, "
            f"{self.deleted} deleted; O*NET profiles {self.profiles}"
        )
        if self.wages is not None:
            text += "; " + self.wages.summary()
        return text


def read_releases(wages=True, extract=None):
    """Every file, checked. With `wages` False the OEWS files are not read (and the wages
    already stored are left alone). Raises ReleasesError listing every problem."""
    problems = []
    projections, profiles, area_wages, by_industry = [], {}, None, []
    try:
        projections = ep.read_projections(EP_FILE)
    except ep.ProjectionsError as error:
        problems += error.problems
    try:
        profiles = onet_files.read(PROFILES_FILE)
    except onet_files.ProfilesError as error:
        problems += error.problems
    if wages:
        try:
            area_wages = read_area_wages(extract)
        except AreaWagesError as error:
            problems += error.problems
        try:
            by_industry = industries.read_extract(INDUSTRIES_FILE)
        except oews.OEWSFormatError as error:
            problems.append(str(error))
    if problems:
        raise ReleasesError(problems)
    return Releases(projections, profiles, area_wages, by_industry)


def load_releases(releases):
    """Write what differs from the files. Call inside a transaction."""
    report = ReleasesReport()
    report.profiles = load_profiles(releases.profiles)
    if releases.wages is not None:
        report.wages = load_area_wages(releases.wages)
    _load_occupations(releases, report)
    return report


def _occupation_values(releases):
    """{soc: Occupation field values} from the projections and the industry figures."""
    national = releases.national_wages()
    by_soc = {}
    for row in releases.industries:
        by_soc.setdefault(row.soc, []).append(row)
    period = releases.wages.info["reference_period"] if releases.wages is not None else ""
    values = {}
    for projection in releases.projections:
        wanted = projection.fields
        if releases.wages is not None:
            total = getattr(national.get(projection.soc_code), "employment", None)
            leading = industries.leading(by_soc.get(projection.soc_code, []), total)
            wanted.update(industries=leading, industries_period=period if leading else "")
        values[projection.soc_code] = wanted
    return values


def _load_occupations(releases, report):
    wanted = _occupation_values(releases)
    existing = {o.soc_code: o for o in Occupation.objects.all()}
    create, update = [], []
    names = set()
    for soc, values in wanted.items():
        occupation = existing.get(soc)
        if occupation is None:
            create.append(Occupation(soc_code=soc, **values))
            continue
        changed = {n for n, v in values.items() if getattr(occupation, n) != v}
        if changed:
            for name in changed:
                setattr(occupation, name, values[name])
            update.append(occupation)
            names |= changed
    gone = [pk for soc, o in existing.items() if soc not in wanted for pk in [o.pk]]
    Occupation.objects.bulk_create(create, batch_size=500)
    if update:
        Occupation.objects.bulk_update(update, sorted(names), batch_size=500)
    if gone:
        Occupation.objects.filter(pk__in=gone).delete()
    report.created, report.updated, report.deleted = len(create), len(update), len(gone)
    if create or update or gone:
        report.occupations = "updated" if existing else "created"
        versions.bump_after_commit()  # bulk writes send no signals


def reload():
    """Read and load every committed file (after a restore, which leaves them out)."""
    return load_releases(read_releases())
