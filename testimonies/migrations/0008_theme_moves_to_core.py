"""The Theme model moves to ``fabrique.core`` (one list of themes for every kind of content).

The table is renamed rather than copied, so ids, slugs and the testimonies' links to their
themes stay as they are; the content type is relabelled in place, so the permissions that
groups hold on themes (and anything else pointing at that content type) follow the model.
Éditeurs now keep the list too, since calls, Inspir'actions and dossiers use it.
"""

from django.db import migrations, models

# Frozen: the group's name as it was when this migration was written.
EDITORS = "Éditeurs"
CODENAMES = [f"{action}_theme" for action in ("add", "change", "delete", "view")]


def hand_over_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="core", model="theme").exists():
        return
    ContentType.objects.filter(app_label="testimonies", model="theme").update(app_label="core")


def take_back_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="testimonies", model="theme").exists():
        return
    ContentType.objects.filter(app_label="core", model="theme").update(app_label="testimonies")


def let_editors_keep_themes(apps, schema_editor):
    """The permissions exist by now, on a new database too: ``0003_moderator_permissions``
    created them with the content type that was just handed over."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0004_theme"),
        ("testimonies", "0007_merge_parallel_work"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name="theme", table="core_theme")],
            state_operations=[
                migrations.AlterField(
                    model_name="testimony",
                    name="themes",
                    field=models.ManyToManyField(
                        blank=True, to="core.theme", verbose_name="thèmes"
                    ),
                ),
                migrations.DeleteModel(name="Theme"),
            ],
        ),
        migrations.RunPython(hand_over_content_type, take_back_content_type),
        migrations.RunPython(let_editors_keep_themes, migrations.RunPython.noop),
    ]
