"""Remove from the search index every testimony entry that may hold non-public text.

Before this, every story (pending, refused… included) was indexed with its original
text. Kept: entries of published stories whose public text *is* the original (no
moderated copy). Removed: every other testimony entry; ``manage.py update_index``
re-adds the published ones from their public fields. Frozen models and a raw delete
only: the live models and Wagtail's indexing code are not imported here.
"""

from django.db import migrations


def forget_unpublished_entries(apps, schema_editor):
    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    Testimony = apps.get_model("testimonies", "Testimony")
    content_type = (
        ContentType.objects.using(alias)
        .filter(app_label="testimonies", model="testimony")
        .first()
    )
    if content_type is None:
        return
    still_public = [
        str(pk)
        for pk in Testimony.objects.using(alias)
        .filter(status="published", published_text="")
        .values_list("pk", flat=True)
    ]
    IndexEntry.objects.using(alias).filter(content_type_id=content_type.pk).exclude(
        object_id__in=still_public
    )._raw_delete(alias)
    if schema_editor.connection.vendor == "sqlite":
        # The FTS5 table's triggers deleted its rows; merging its segments drops the
        # words from its blobs too.
        table = f"{IndexEntry._meta.db_table}_fts"
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            if cursor.fetchone() is not None:
                cursor.execute(f"INSERT INTO \"{table}\"(\"{table}\") VALUES ('optimize')")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("testimonies", "0003_moderator_permissions"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(forget_unpublished_entries, migrations.RunPython.noop, elidable=True),
    ]
