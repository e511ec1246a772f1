"""
The O*NET profiles file (occupations/data/onet-30.1.json.gz): importance ratings (1–5) of
O*NET's 35 skills and 41 generalized work activities per SOC code, with O*NET's own titles
under each code. `importonet` writes it from the shared CSVs; `loadcatalog` reads it.

Format: {"release", "about", "elements": [{id, name, kind: skill|activity}],
"profiles": {soc: {"onet_codes", "titles": [..], "importance": [one per element]}}}.
"""

import csv
import gzip
import json

RELEASE = "30.1"
ABOUT = (
    "O*NET 30.1 importance ratings (1-5) of 35 skills and 41 generalized work activities per "
    "SOC code, with O*NET's titles under each code. Includes information from the O*NET 30.1 "
    "Database by the U.S. Department of Labor, Employment and Training Administration "
    "(USDOL/ETA). Used under the CC BY 4.0 license."
)
KINDS = {"skill": "skill", "work_activity": "activity", "activity": "activity"}


class ProfilesError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the O*NET profiles file")


def build(profiles_csv, elements_csv):
    """The file's contents from onet_profiles.csv and onet_elements.csv."""
    with open(elements_csv, encoding="utf-8", newline="") as handle:
        elements = [
            {
                "id": row["element_id"],
                "name": row["element_name"],
                "kind": KINDS[row["element_type"]],
            }
            for row in csv.DictReader(handle)
        ]
    profiles = {}
    with open(profiles_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            profiles[row["soc_code"]] = {
                "onet_codes": row["onet_codes"].replace(";", ", "),
                "titles": [t for t in row["onet_titles"].split(";") if t],
                "importance": [float(row[e["id"]]) for e in elements],
            }
    return {"release": RELEASE, "about": ABOUT, "elements": elements, "profiles": profiles}


def write(data, path):
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with open(path, "wb") as handle:
        # mtime 0: the same data always gives the same bytes.
        with gzip.GzipFile(filename="", fileobj=handle, mode="wb", compresslevel=9, mtime=0) as out:
            out.write(text.encode("utf-8"))


def read(path):
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, EOFError, ValueError) as error:
        raise ProfilesError([f"{path.name}: cannot be read ({error})"]) from error
    problems = validate(data)
    if problems:
        raise ProfilesError(problems)
    return data


def validate(data):
    """Problems in the file's contents, as sentences."""
    if not isinstance(data, dict) or not {"release", "elements", "profiles"} <= set(data):
        return ["the O*NET profiles file needs release, elements and profiles"]
    problems = []
    elements = data["elements"]
    ids = [e.get("id") for e in elements if isinstance(e, dict)]
    if len(ids) != len(elements) or len(set(ids)) != len(ids):
        problems.append("O*NET elements: each needs a unique id")
    for element in elements:
        if isinstance(element, dict) and element.get("kind") not in ("skill", "activity"):
            problems.append(f"O*NET element {element.get('id')}: kind must be skill or activity")
    for soc, profile in data["profiles"].items():
        values = profile.get("importance") if isinstance(profile, dict) else None
        if not isinstance(values, list) or len(values) != len(elements):
            problems.append(f"O*NET profile {soc}: needs one importance per element")
        elif not all(isinstance(v, int | float) and 1 <= v <= 5 for v in values):
            problems.append(f"O*NET profile {soc}: importance must be between 1 and 5")
    return problems
