"""The admin form of a moderated submission: choosing a status applies a moderation action."""

from wagtail.admin.forms import WagtailAdminModelForm

from .actions import decide


class ModeratedSubmissionAdminForm(WagtailAdminModelForm):
    """The "statut" field is a decision, not a column to write.

    Saving stores the other fields with the status unchanged, then, if the moderator chose
    another status, applies it through ``fabrique.moderation.actions`` as ``for_user``
    (the request's user, passed by Wagtail's edit view): dated, named and logged there,
    nowhere else. With ``commit=False`` the status stays as stored and the caller applies
    ``form.decision`` with ``actions.decide`` once the instance is saved.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_status = self.instance.status
        field = self.fields.get("status")
        if field is not None:
            allowed = {self.stored_status, *type(self.instance).moderation_decisions}
            field.choices = [(value, label) for value, label in field.choices if value in allowed]

    @property
    def decision(self) -> str | None:
        """The status the moderator chose, if it differs from the stored one."""
        if not hasattr(self, "cleaned_data"):
            return None
        chosen = self.cleaned_data.get("status", self.stored_status)
        return chosen if chosen != self.stored_status else None

    def save(self, commit=True):
        decision = self.decision
        # The model form has already copied the choice onto the instance: undo that, so
        # the action is what changes it.
        self.instance.status = self.stored_status
        instance = super().save(commit=commit)
        if commit and decision:
            decide(
                instance,
                decision,
                self.for_user,
                reason=self.cleaned_data.get("refusal_reason", ""),
            )
            self.stored_status = instance.status
        return instance
