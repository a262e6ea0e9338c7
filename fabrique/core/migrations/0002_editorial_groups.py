"""Create the editorial groups (Éditeurs, Modérateurs, Contributeurs) with their permissions.

Wagtail's own English "Editors"/"Moderators" groups are replaced: page review goes to
the Éditeurs, and "Modérateurs" moderate submitted stories, not pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen data: what each group was given when this migration was written. A later change
# to the groups is a new migration, never an edit of this one or of a live module.
EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
CONTRIBUTORS = "Contributeurs"

# Page permissions granted on the root of the tree (and so on every page).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    CONTRIBUTORS: ["add_page", "change_page"],
    MODERATORS: [],
}

# Collection permissions on the root collection for images and documents.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    CONTRIBUTORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    MODERATORS: [],
}

# Model permissions (app_label, codename).
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("core", "add_person"),
        ("core", "change_person"),
        ("core", "delete_person"),
        ("core", "change_sitesettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
    CONTRIBUTORS: [
        ("wagtailadmin", "access_admin"),
        ("core", "add_person"),
        ("core", "change_person"),
    ],
    MODERATORS: [("wagtailadmin", "access_admin")],
}


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {}
    for name in (*PAGE_PERMISSIONS,):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(_permission(apps, app_label, codename))
        if root_page:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, "wagtailcore", codename),
                )
        if root_collection:
            for app_label, codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, codename),
                )

    # Wagtail's default review task: approval now belongs to the Éditeurs.
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.set([groups[EDITORS]])
        task.name = "Validation par l'équipe éditoriale"
        task.save(update_fields=["name"])
        for workflow_task in task.workflow_tasks.all():
            workflow = workflow_task.workflow
            workflow.name = "Relecture avant publication"
            workflow.save(update_fields=["name"])

    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "__latest__"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
