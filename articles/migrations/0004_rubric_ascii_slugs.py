"""Rubric slugs become ASCII (« décryptage » → « decryptage »), unique.

Old feed addresses (/articles/rss/décryptage/) are redirected by the index page itself,
which folds an unknown slug the same way. Frozen models only.
"""

import re

from anyascii import anyascii
from django.db import migrations, models
from django.utils.text import slugify


def fold(value, max_length):
    return slugify(anyascii(re.sub(r"['’]", " ", value)))[:max_length].strip("-")


def rubric_slugs(apps, schema_editor):
    Rubric = apps.get_model("articles", "Rubric")
    taken = set(Rubric.objects.values_list("slug", flat=True))
    for rubric in Rubric.objects.order_by("pk"):
        if rubric.slug.isascii():
            continue
        taken.discard(rubric.slug)
        base = fold(rubric.slug, 76) or "rubrique"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        rubric.slug = slug
        rubric.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_video_block")]

    # The field change touches no column (allow_unicode is form validation only); it comes
    # first so no schema change follows row updates in the same transaction (PostgreSQL).
    operations = [
        migrations.AlterField(
            model_name="rubric",
            name="slug",
            field=models.SlugField(max_length=80, unique=True, verbose_name="identifiant d'URL"),
        ),
        migrations.RunPython(rubric_slugs, migrations.RunPython.noop),
    ]
