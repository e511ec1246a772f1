"""A wage row's JSON form (summaries, place annotations) reads back as the row itself."""

from decimal import Decimal

import pytest

from occupations import wages
from occupations.models import FIGURE_FIELDS, Area, AreaWage, WageRelease


def test_every_figure_and_the_area_round_trip_through_json():
    release = WageRelease(release_id="2025A01", reference_period="May 2025", data_year=2025)
    area = Area(
        code="0600000", kind="state", name="California", slug="california",
        state_codes="CA", postal="CA",
    )  # fmt: skip
    wage = AreaWage(
        release=release, area=area, soc="29-1141",
        employment=338940, employment_rse=Decimal("1.1"), location_quotient=Decimal("0.86"),
        annual_p10=None, annual_p25=110_000, annual_median=140_270, annual_p75=170_000,
        annual_p90=None, annual_mean=145_000, hourly_median=Decimal("67.44"),
        wage_rse=Decimal("0.7"), footnotes={"annual_p90": 5, "annual_p10": 8},
    )  # fmt: skip
    back = wages.wage_from_data(wages.wage_data(wage), wage.soc, release)
    for name in FIGURE_FIELDS:
        assert getattr(back, name) == getattr(wage, name), name
    assert back.footnotes == wage.footnotes
    for name in wages.AREA_FIELDS:
        assert getattr(back.area, name) == getattr(area, name), name
    assert back.p90.text == "$239,200+" and back.p10.text == "not released"


@pytest.mark.django_db
def test_a_place_annotation_reads_back_as_the_stored_row(catalog):
    from careers.models import Career

    career = Career.objects.annotate(found=wages.place_annotation("california", "soc_code")).get(
        slug="registered-nurse"
    )
    stored = AreaWage.objects.get(soc=career.soc_code, area__slug="california")
    back = wages.wage_in_place(career.found, career.soc_code)
    for name in FIGURE_FIELDS:
        assert getattr(back, name) == getattr(stored, name), name
    assert back.area.name == "California" and back.release.reference_period == "May 2025"
