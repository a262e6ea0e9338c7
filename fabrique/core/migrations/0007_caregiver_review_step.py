"""The "Relecteurs soignants" group and its step, first in the site's review workflow.

The step approves itself for pages without health claims (``fabrique/core/review.py``),
so the one workflow keeps serving every page.
"""

from django.db import migrations

# Frozen: names as they were when this migration was written.
REVIEWERS = "Relecteurs soignants"
TASK_NAME = "Relecture soignante"
WORKFLOW_NAME = "Relecture avant publication"


def add_step(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    CaregiverReviewTask = apps.get_model("core", "CaregiverReviewTask")

    group, _ = Group.objects.get_or_create(name=REVIEWERS)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None or CaregiverReviewTask.objects.filter(name=TASK_NAME).exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="core", model="caregiverreviewtask"
    )
    task = CaregiverReviewTask.objects.create(
        name=TASK_NAME, active=True, content_type=content_type
    )
    task.groups.set([group])
    for step in WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order"):
        step.sort_order = (step.sort_order or 0) + 1
        step.save(update_fields=["sort_order"])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_caregiver_review"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_step, migrations.RunPython.noop)]
