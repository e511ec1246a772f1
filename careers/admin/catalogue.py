"""Categories, and the skills and workplaces that careers share."""

from django.contrib import admin

from careers.models import Category, Skill, Workplace


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Skill, Workplace)
class NamedThingAdmin(admin.ModelAdmin):
    list_display = ["name", "updated_at"]
    search_fields = ["name"]
