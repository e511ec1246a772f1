from django.contrib import admin
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from careers.models import Career
from comparisons.builder import build_comparison
from comparisons.models import Comparison
from publishing.admin_tools import GuardedAdminMixin, GuardedForm, StampEditorMixin


class ComparisonForm(GuardedForm):
    class Meta:
        model = Comparison
        fields = "__all__"


@admin.register(Comparison)
class ComparisonAdmin(GuardedAdminMixin, StampEditorMixin, SimpleHistoryAdmin):
    form = ComparisonForm
    list_display = ["__str__", "is_published", "is_featured", "updated_at", "updated_by"]
    list_editable = ["is_published", "is_featured"]
    list_filter = ["is_published", "is_featured"]
    list_select_related = ["career_a", "career_b", "updated_by"]
    search_fields = ["career_a__title", "career_b__title"]
    autocomplete_fields = ["career_a", "career_b"]
    readonly_fields = ["preview"]
    fieldsets = [
        (None, {"fields": ["career_a", "career_b", "intro", "is_published", "is_featured"]}),
        ("Preview", {"fields": ["preview"]}),
    ]

    @admin.display(description="Computed verdicts (preview)")
    def preview(self, obj):
        if obj is None or not (obj.career_a_id and obj.career_b_id):
            return "Save the comparison to see its verdicts."
        careers = {
            c.pk: c
            for c in Career.objects.with_parts().filter(pk__in=[obj.career_a_id, obj.career_b_id])
        }
        page = build_comparison(careers[obj.career_a_id], careers[obj.career_b_id])
        verdicts = format_html_join("", "<li>{}</li>", ((str(v),) for v in page.verdicts))
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            (
                (row.label, _cell(row.a), _cell(row.b))
                for row in page.rows
                if row.kind != "paragraphs"
            ),
        )
        return format_html(
            "<ul>{}<li>{}</li></ul><table><thead><tr><th></th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            verdicts,
            page.median_sentence,
            page.a.title,
            page.b.title,
            rows,
        )


def _cell(value):
    return ", ".join(value) if isinstance(value, list) else value
