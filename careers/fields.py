"""
Model fields of our own.

`SearchVectorField` is PostgreSQL's `tsvector` column, as
`django.contrib.postgres.search.SearchVectorField` declares it, without importing that
module: it loads psycopg and libpq (about 27 MB in every worker), which a SQLite
deployment never uses. It deconstructs as the contrib field, so migrations and their
history are unchanged; on PostgreSQL the search code queries the column with SQL of its
own (careers.search), not through the contrib lookups.
"""

from django.db import models

CONTRIB_PATH = "django.contrib.postgres.search.SearchVectorField"


class SearchVectorField(models.Field):
    description = "PostgreSQL tsvector (full-text search document)"

    def db_type(self, connection):
        return "tsvector"

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, CONTRIB_PATH, args, kwargs
