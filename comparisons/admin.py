from django.contrib import admin

from comparisons.models import Comparison


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_published", "is_featured", "updated_at"]
    list_editable = ["is_published", "is_featured"]
    list_filter = ["is_published", "is_featured"]
    list_select_related = ["career_a", "career_b"]
    search_fields = ["career_a__title", "career_b__title"]
    autocomplete_fields = ["career_a", "career_b"]
    fields = ["career_a", "career_b", "intro", "is_published", "is_featured"]
