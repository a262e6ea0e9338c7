"""One tagline: the site settings' (shown in the header and as the home page's h1).

The home page's own tagline is copied into its site's settings when those still hold
the default, then the home page field is removed.
"""

from django.db import migrations

# Frozen: the default both fields had when this migration was written.
DEFAULT_TAGLINE = "Le média pour refaçonner le soin"


def copy_home_tagline(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("core", "SiteSettings")
    for home in HomePage.objects.exclude(tagline="").exclude(tagline=DEFAULT_TAGLINE):
        for site in Site.objects.filter(root_page_id=home.pk):
            site_settings, _ = SiteSettings.objects.get_or_create(site=site)
            if site_settings.tagline == DEFAULT_TAGLINE:
                site_settings.tagline = home.tagline
                site_settings.save(update_fields=["tagline"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_home_page_sections"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_home_tagline, migrations.RunPython.noop),
        migrations.RemoveField(model_name="homepage", name="tagline"),
    ]
