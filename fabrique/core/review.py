"""The caregiver's check ("Relecture soignante"): a workflow step for pages that make
health claims, and the record of who checked them and when.

Any page type opts in by answering ``needs_caregiver_review()`` (articles: their "contient
des affirmations de santé" flag). The step stands first in the site's workflow; for a page
that does not need it, it approves itself at once, so one workflow serves every page.
The approval is recorded with the reviewer's public name and function as they were at
that moment: the page shows « Relu par … (fonction) le … » and its JSON-LD carries
``lastReviewed``/``reviewedBy``, and renaming an account later does not rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page

NOT_NEEDED = _("Aucune affirmation de santé déclarée : relecture soignante non requise.")


def needs_caregiver_review(obj) -> bool:
    specific = getattr(obj, "specific", obj)
    check = getattr(specific, "needs_caregiver_review", None)
    return bool(check and check())


class CaregiverReviewTask(AbstractGroupApprovalTask):
    """Approval by the "Relecteurs soignants", skipped for pages without health claims."""

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        submitted = task_state.revision.as_object() if task_state.revision else None
        if submitted is not None and not needs_caregiver_review(submitted):
            task_state.approve(user=None, update=False, comment=str(NOT_NEEDED))
        return task_state

    def on_action(self, task_state, user, action_name, **kwargs):
        result = super().on_action(task_state, user, action_name, **kwargs)
        content_object = task_state.workflow_state.content_object
        # The workflow serves people too (core/0008): only a page carries « Relu par ».
        if action_name == "approve" and isinstance(content_object, Page):
            record_review(content_object, task_state.revision, user)
        return result

    @classmethod
    def get_description(cls):
        return _(
            "Les membres des groupes choisis vérifient les informations de santé ; "
            "les pages sans affirmation de santé passent cette étape d'elles-mêmes."
        )

    class Meta:
        verbose_name = _("relecture soignante")
        verbose_name_plural = _("relectures soignantes")


class CaregiverReview(models.Model):
    """One approval of a page by a caregiver reviewer, as the public will read it."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="caregiver_reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_name = models.CharField(_("relu par"), max_length=150)
    reviewer_function = models.CharField(_("fonction"), max_length=200, blank=True)
    reviewed_at = models.DateTimeField(_("relu le"), default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = "reviewed_at"
        verbose_name = _("relecture soignante")
        verbose_name_plural = _("relectures soignantes")

    def __str__(self) -> str:
        return f"{self.reviewer_name} ({self.reviewed_at:%d/%m/%Y})"

    def as_json_ld(self) -> dict:
        person = {"@type": "Person", "name": self.reviewer_name}
        if self.reviewer_function:
            person["jobTitle"] = self.reviewer_function
        return person


def public_identity(user) -> tuple[str, str]:
    """(name, function) shown for a reviewer: their Person if linked and published, else
    their full name. The row holds the published values; a draft waits in its revision."""
    person = getattr(user, "person", None)
    if person is not None and person.live:
        return person.name, person.role
    return user.get_full_name() or str(_("Relecteur ou relectrice soignante")), ""


def record_review(page, revision, user) -> CaregiverReview:
    name, function = public_identity(user)
    return CaregiverReview.objects.create(
        page_id=page.pk,
        revision=revision,
        reviewer=user,
        reviewer_name=name,
        reviewer_function=function,
    )
