"""Theme slugs become ASCII (« santé mentale » → « sante-mentale »), unique.

Frozen models only.
"""

import re

from anyascii import anyascii
from django.db import migrations, models
from django.utils.text import slugify


def fold(value, max_length):
    return slugify(anyascii(re.sub(r"['’]", " ", value)))[:max_length].strip("-")


def theme_slugs(apps, schema_editor):
    Theme = apps.get_model("testimonies", "Theme")
    taken = set(Theme.objects.values_list("slug", flat=True))
    for theme in Theme.objects.order_by("pk"):
        if theme.slug.isascii():
            continue
        taken.discard(theme.slug)
        base = fold(theme.slug, 86) or "theme"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        theme.slug = slug
        theme.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0003_moderator_permissions")]

    # The field change touches no column (allow_unicode is form validation only); it comes
    # first so no schema change follows row updates in the same transaction (PostgreSQL).
    operations = [
        migrations.AlterField(
            model_name="theme",
            name="slug",
            field=models.SlugField(max_length=90, unique=True, verbose_name="identifiant d'URL"),
        ),
        migrations.RunPython(theme_slugs, migrations.RunPython.noop),
    ]
