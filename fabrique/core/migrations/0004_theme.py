"""Themes become the site's one shared list (docs/architecture.md « Thèmes et mots-clés »).

The testimonies app had the table; it is renamed here, so that every migration that
points at ``core.Theme`` (calls, dossiers…) finds its table by depending on this one.
``testimonies/0008_theme_moves_to_core`` then takes the model out of the testimonies
app's state and hands its content type over, so the groups' permissions on themes stay
as they were. This migration depends on the testimonies app's history (a string in the
graph, no import): the table it renames is that app's.
"""

import fabrique.core.mixins
from django.db import migrations, models


def rename_table(apps, schema_editor):
    Theme = apps.get_model("testimonies", "Theme")
    schema_editor.alter_db_table(Theme, "testimonies_theme", "core_theme")


def rename_back(apps, schema_editor):
    Theme = apps.get_model("testimonies", "Theme")
    schema_editor.alter_db_table(Theme, "core_theme", "testimonies_theme")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_ascii_slugs"),
        ("testimonies", "0007_merge_parallel_work"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(rename_table, rename_back)],
            state_operations=[
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=80, unique=True, verbose_name="nom")),
                        (
                            "slug",
                            models.SlugField(
                                max_length=90, unique=True, verbose_name="identifiant d'URL"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "thème",
                        "verbose_name_plural": "thèmes",
                        "ordering": ["name"],
                        "abstract": False,
                    },
                    bases=(fabrique.core.mixins.SlugFromNameMixin, models.Model),
                ),
            ],
        ),
    ]
