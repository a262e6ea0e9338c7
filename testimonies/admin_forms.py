"""The moderators' edit form: identifying details shown highlighted, redacted in one step."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from fabrique.moderation.forms import ModeratedSubmissionAdminForm

from .pii import find_identifying_details, highlight_html, redact


class TestimonyAdminForm(ModeratedSubmissionAdminForm):
    redact_details = forms.BooleanField(
        label=_("Caviarder les détails identifiants"),
        required=False,
        help_text=_(
            "Remplace par « […] » chaque détail surligné dans le texte publié "
            "(à partir du texte d'origine si le texte publié est vide)."
        ),
    )

    def save(self, commit=True):
        # The status is applied by the parent's save, after the redaction is stored.
        if self.cleaned_data.get("redact_details"):
            instance = self.instance
            instance.published_text = redact(instance.published_text or instance.story)
        return super().save(commit=commit)


class IdentifyingDetailsPanel(Panel):
    """Read-only: the story with emails, phones, NIR, addresses and names highlighted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "testimonies/admin/identifying_details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            text = self.instance.published_text or self.instance.story
            context["matches"] = find_identifying_details(text)
            context["highlighted"] = highlight_html(text)
            return context
