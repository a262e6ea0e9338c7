"""Let the editorial team use this app's snippet: Éditeurs keep it, Contributeurs add and
choose (a Contributeur writing a page must be able to pick one, not delete one).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: the groups' names as they were when this migration was written.
EDITORS = "Éditeurs"
CONTRIBUTORS = "Contributeurs"
MODEL = "videoseries"
GRANTS = {
    EDITORS: ["add", "change", "delete", "view"],
    CONTRIBUTORS: ["add", "view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("videos")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="videos",
                codename__in=[f"{action}_{MODEL}" for action in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("videos", "0002_video_pages"),
        ("core", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
