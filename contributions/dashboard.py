"""Dashboard panel « Réponses aux appels à modérer », for moderators only."""

from wagtail.admin.ui.components import Component

from .models import CallAnswer


class PendingAnswersPanel(Component):
    """How many answers wait for a decision, and the oldest first. Two queries, whatever
    the number of answers (the call of each is joined, not fetched one by one)."""

    name = "pending_call_answers"
    order = 55
    template_name = "contributions/admin/pending_panel.html"
    limit = 5

    def get_context_data(self, parent_context=None):
        pending = CallAnswer.objects.pending().order_by("submitted_at", "pk")
        return {
            "count": pending.count(),
            "oldest": list(pending.select_related("call")[: self.limit]),
        }
