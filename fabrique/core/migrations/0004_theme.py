"""Themes become the site's one shared list (DESIGN "Themes and tags").

State only: the table is the testimonies app's, renamed to ``core_theme`` by
``testimonies/0008_theme_moves_to_core``, which also hands over its content type so the
groups' permissions on themes stay as they were.
"""

import fabrique.core.mixins
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_ascii_slugs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
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
            database_operations=[],
        ),
    ]
