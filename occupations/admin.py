"""The public releases in the admin: editors look at them, nobody types them."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from occupations.figures import FOOTNOTES
from occupations.models import FIGURE_FIELDS, Area, AreaWage, OnetProfile, WageRelease


class ImportedAdmin(admin.ModelAdmin):
    """Imported data (O*NET ratings, BLS wages): editors look, nobody types them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OnetProfile)
class OnetProfileAdmin(ImportedAdmin):
    """Imported O*NET ratings: editors read them; `loadcatalog` writes them."""

    list_display = ["soc_code", "onet_codes", "release"]
    search_fields = ["soc_code", "onet_codes"]
    fields = ["soc_code", "onet_codes", "release", "rating_table"]
    readonly_fields = fields

    @admin.display(description="Importance (1–5)")
    def rating_table(self, obj):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    item["name"],
                    "skill" if item["kind"] == "skill" else "work activity",
                    item["importance"],
                )
                for item in obj.ratings
            ),
        )
        return format_html(
            "<table><thead><tr><th>Element</th><th>Kind</th><th>Importance</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )


# --- Area wages: imported from BLS by loadcatalog, read-only for everyone --------------------


@admin.register(WageRelease)
class WageReleaseAdmin(ImportedAdmin):
    list_display = ["release_id", "reference_period", "data_year", "extract_file", "loaded_at"]
    fields = [
        "release_id",
        "reference_period",
        "data_year",
        "extract_file",
        "extract_sha256",
        "package",
        "retrieved",
        "source_files",
        "loaded_at",
    ]
    readonly_fields = fields

    @admin.display(description="BLS source files")
    def source_files(self, obj):
        return format_html_join(
            "",
            "<div>{} ({}, sha256 {})</div>",
            ((s["name"], s.get("last_modified", ""), s["sha256"]) for s in obj.sources),
        )


@admin.register(Area)
class AreaAdmin(ImportedAdmin):
    list_display = ["name", "kind", "code", "state_codes", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "slug", "state_codes"]
    readonly_fields = ["name", "kind", "code", "slug", "state_codes", "postal", "neighbours"]


@admin.register(AreaWage)
class AreaWageAdmin(ImportedAdmin):
    list_display = [
        "soc",
        "area",
        "median_display",
        "range_display",
        "jobs_display",
        "notes",
        "release",
    ]
    list_filter = ["area__kind", "release"]
    list_select_related = ["area", "release"]
    search_fields = ["soc", "area__name"]
    list_per_page = 60
    fields = [
        "release",
        "soc",
        "area",
        ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"),
        ("annual_mean", "hourly_median", "wage_rse"),
        ("employment", "employment_rse", "location_quotient"),
        "notes",
    ]
    readonly_fields = ["release", "soc", "area", *FIGURE_FIELDS, "notes"]

    @admin.display(description="Median", ordering="annual_median")
    def median_display(self, obj):
        return obj.median.text

    @admin.display(description="10th–90th percentile")
    def range_display(self, obj):
        return f"{obj.p10.text} – {obj.p90.text}"

    @admin.display(description="Jobs", ordering="employment")
    def jobs_display(self, obj):
        return obj.jobs.text

    @admin.display(description="BLS footnotes")
    def notes(self, obj):
        return "; ".join(
            f"{name.replace('_', ' ')}: {FOOTNOTES.get(code, code)}"
            for name, code in sorted(obj.footnotes.items())
        )
