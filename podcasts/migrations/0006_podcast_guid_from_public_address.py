"""A show published before its podcast:guid was stored gets one now, once.

Computed as the show's ``public_podcast_guid()`` does: uuid5 of the feed's address on the
public address (``WAGTAILADMIN_BASE_URL``) and the show's path below its site's root.
A show that already has one keeps it: apps identify the podcast by it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def fill_guids(apps, schema_editor):
    from podcasts.models.shows import podcast_guid_for

    Show = apps.get_model("podcasts", "PodcastShowPage")
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    root_path = site.root_page.url_path
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    host = parts.netloc
    for show in Show.objects.filter(live=True, podcast_guid__isnull=True):
        if not show.url_path.startswith(root_path):
            continue
        path = "/" + show.url_path[len(root_path) :]
        show.podcast_guid = podcast_guid_for(f"{host}{path}rss/")
        show.save(update_fields=["podcast_guid"])


class Migration(migrations.Migration):
    dependencies = [
        ("podcasts", "0005_help_texts"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill_guids, migrations.RunPython.noop)]
