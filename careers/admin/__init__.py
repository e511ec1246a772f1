"""
The editors' admin for careers, one module per concern:

- `catalogue`: categories, and the skills and workplaces careers share;
- `forms`: the career form and its parts (the inlines), whose rules are careers.rules;
- `career`: CareerAdmin: the list, its actions, saving (one history entry per save);
- `drafts`: drafts of live careers: editing one in the career form, its page, preview;
- `history`: a career's History and restoring an earlier version.

The public releases' data (O*NET profiles, BLS wages) has its own admin in occupations.

Other apps never import it: what they add to a career's form (the comparisons showing
it) comes through careers.dependents.
"""

from django.contrib import admin

from careers.admin import career, catalogue  # noqa: F401  (they register)

admin.site.site_header = "Qoollege editors"
admin.site.site_title = "Qoollege editors"
admin.site.index_title = "Career content"
