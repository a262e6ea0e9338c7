"""pg_trgm for the possible duplicates of answers (trigram similarity).

Django's ``TrigramExtension`` does nothing on another database than PostgreSQL, so SQLite
runs this migration as a no-op. ``pg_trgm`` is a trusted extension: the database owner may
create it without superuser rights (PostgreSQL 13+).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial")]

    operations = [TrigramExtension()]
