"""Give the "Modérateurs" group the right to moderate testimonies and their themes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: the group's name as it was when this migration was written.
MODERATORS = "Modérateurs"

CODENAMES = [
    f"{action}_{model}"
    for model in ("testimony", "theme")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("testimonies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="testimonies", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("testimonies", "0002_testimony_theme_contact"),
        ("core", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
