"""Give the "Modérateurs" group the right to examine answers to calls; the "Éditeurs"
group gets the call and Inspir'action pages through Wagtail's page permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: the group's name as it was when this migration was written.
MODERATORS = "Modérateurs"

CODENAMES = [f"{action}_callanswer" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contributions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="contributions", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0002_trigram_extension"),
        ("core", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
