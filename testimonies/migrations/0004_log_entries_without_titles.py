"""Admin log entries of testimonies lose the author's title they were labelled with.

Before the moderation actions labelled their entries "Témoignage n°N", Wagtail stored
each story's title as the label (shown in the site history), and an admin deletion left
a "wagtail.delete" entry with the title of a story that no longer exists. This relabels
the entries of existing stories and deletes those of stories already gone.
"""

from django.db import migrations

LABEL = "Témoignage n°{}"


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Testimony = apps.get_model("testimonies", "Testimony")
    types = {
        content_type.model: content_type
        for content_type in ContentType.objects.filter(
            app_label="testimonies", model__in=["testimony", "testimonycontact"]
        )
    }
    if "testimonycontact" in types:
        # Nothing logs a contact row; any entry there would be labelled with the title.
        ModelLogEntry.objects.filter(content_type=types["testimonycontact"]).delete()
    if "testimony" not in types:
        return
    entries = ModelLogEntry.objects.filter(content_type=types["testimony"])
    existing = {str(pk) for pk in Testimony.objects.values_list("pk", flat=True)}
    entries.exclude(object_id__in=existing).delete()
    for entry in entries.only("pk", "object_id"):
        entry.label = LABEL.format(entry.object_id)
        entry.save(update_fields=["label"])


class Migration(migrations.Migration):
    dependencies = [
        ("testimonies", "0003_moderator_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
