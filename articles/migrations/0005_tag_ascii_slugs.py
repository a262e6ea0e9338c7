"""Keyword (tag) slugs become ASCII (« déserts-médicaux » → « deserts-medicaux »), unique.

New tags get ASCII slugs from taggit (``TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING``); this
converts the ones made before. Old ``?tag=`` links are redirected by the articles index.
Frozen models only.
"""

import re

from anyascii import anyascii
from django.db import migrations
from django.utils.text import slugify


def fold(value, max_length):
    return slugify(anyascii(re.sub(r"['’]", " ", value)))[:max_length].strip("-")


def tag_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if tag.slug.isascii():
            continue
        taken.discard(tag.slug)
        base = fold(tag.slug, 90) or "mot-cle"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_rubric_ascii_slugs"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(tag_slugs, migrations.RunPython.noop)]
