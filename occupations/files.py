"""Where the committed public data lives (occupations/data/), read by `loadcatalog`."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
# BLS Employment Projections 2024–34, Table 1.2, every row (shared/data/ep_2024_34.csv).
EP_FILE = DATA_DIR / "ep-2024-34.csv.gz"
# O*NET 30.1 importance ratings of 35 skills and 41 work activities, per SOC code.
PROFILES_FILE = DATA_DIR / "onet-30.1.json.gz"
# BLS OEWS national employment by industry (NAICS subsectors), per SOC code.
INDUSTRIES_FILE = DATA_DIR / "oews-2025-industries.csv.gz"
STATES_FILE = DATA_DIR / "us_states.json"
MAP_FILE = DATA_DIR / "us_map.json"


def default_extract():
    """The newest committed OEWS extract: oews-2026.csv.gz wins over oews-2025.csv.gz."""
    found = sorted(DATA_DIR.glob("oews-[0-9][0-9][0-9][0-9].csv.gz"))
    return found[-1] if found else DATA_DIR / "oews-2025.csv.gz"
