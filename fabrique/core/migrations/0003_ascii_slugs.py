"""Every slug becomes ASCII: people's, and every page's; old page URLs redirect (301).

Accented slugs (« /articles/éducation-à-la-santé/ ») break in e-mails, in some clients
and in Wagtail's front-end cache purge. Each accented slug is transliterated (é → e,
œ → oe) and kept unique (-2, -3…); every page whose address changed, descendants
included, gets a permanent Wagtail redirect from its old path. Latest revisions carry
the new slug so publishing an older draft does not bring the accent back.
Self-contained on purpose: no project code, frozen models only.
"""

import re

from anyascii import anyascii
from django.db import migrations, models
from django.utils.text import slugify

STEPLEN = 4  # treebeard's path step, as in wagtailcore.Page


def fold(value, max_length):
    return slugify(anyascii(re.sub(r"['’]", " ", value)))[:max_length].strip("-")


def unique(base, taken):
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def people_slugs(apps, schema_editor):
    Person = apps.get_model("core", "Person")
    taken = set(Person.objects.values_list("slug", flat=True))
    for person in Person.objects.order_by("pk"):
        if person.slug.isascii():
            continue
        taken.discard(person.slug)
        person.slug = unique(fold(person.slug, 150) or "sans-nom", taken)
        taken.add(person.slug)
        person.save(update_fields=["slug"])


def page_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    pages = list(Page.objects.order_by("path"))
    children = {}
    for page in pages:
        children.setdefault(page.path[:-STEPLEN], set()).add(page.slug)
    renamed = {}
    for page in pages:
        if page.slug.isascii():
            continue
        siblings = children[page.path[:-STEPLEN]]
        siblings.discard(page.slug)
        new = unique(fold(page.slug, 255) or "page", siblings)
        siblings.add(new)
        renamed[page.pk] = page.slug
        page.slug = new
    if not renamed:
        return

    url_paths = {}
    moved = []
    for page in pages:
        parent = url_paths.get(page.path[:-STEPLEN])
        new_url_path = "/" if parent is None else f"{parent}{page.slug}/"
        url_paths[page.path] = new_url_path
        if new_url_path != page.url_path or page.pk in renamed:
            moved.append((page, page.url_path))
            page.url_path = new_url_path
            page.save(update_fields=["slug", "url_path"])

    page_type = ContentType.objects.get_for_model(Page)
    sites = [(site, site.root_page.url_path) for site in Site.objects.select_related("root_page")]
    for page, old_url_path in moved:
        for site, root_url_path in sites:
            if not old_url_path.startswith(root_url_path):
                continue
            old_path = "/" + old_url_path[len(root_url_path) :].rstrip("/")
            Redirect.objects.get_or_create(
                old_path=old_path,
                site=site,
                defaults={"redirect_page": page, "is_permanent": True},
            )
        # The newest revision becomes the live page when an editor publishes it.
        revision = (
            Revision.objects.filter(
                base_content_type=page_type, object_id=str(page.pk)
            ).order_by("-created_at", "-pk").first()
        )
        if revision and isinstance(revision.content, dict):
            revision.content["slug"] = page.slug
            revision.content["url_path"] = page.url_path
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_editorial_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # The field change touches no column (allow_unicode is form validation only); it comes
    # first so no schema change follows row updates in the same transaction (PostgreSQL).
    operations = [
        migrations.AlterField(
            model_name="person",
            name="slug",
            field=models.SlugField(max_length=160, unique=True, verbose_name="identifiant d'URL"),
        ),
        migrations.RunPython(people_slugs, migrations.RunPython.noop),
        migrations.RunPython(page_slugs, migrations.RunPython.noop),
    ]
