"""An answer becomes a draft Inspir'action: the editor picks what becomes public.

Contact data (person, e-mail, phone) is never copied: the page has no field for it and
nothing here reads it. The page is saved as a draft revision, never published: an editor
rewrites and publishes it, and publishing it publishes the answer (``signals``).
"""

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from fabrique.moderation.actions import select
from fabrique.moderation.models import ModerationStatus

from .models import CallAnswer, InspirActionIndexPage, InspirActionPage

# answer field -> (page field, label shown to the editor, rich text?)
PUBLIC_FIELDS = {
    "commune": ("commune", _("Commune"), False),
    "department": ("department", _("Département"), False),
    "partners": ("partners", _("Partenaires"), False),
    "action_for": ("target_public", _("Pour qui (public visé)"), False),
    "action_since": ("since", _("Depuis quand"), False),
    "action_what": ("actions", _("L'action"), True),
    "results": ("results", _("Résultats"), True),
    "helped": ("helped", _("Ce qui a aidé"), False),
    "difficulties": ("difficulties", _("Ce qui a été difficile"), False),
}
CONTACT_FIELDS = ("contact_name", "email", "phone")


def inspir_index() -> InspirActionIndexPage | None:
    return InspirActionIndexPage.objects.first()


@transaction.atomic
def convert_to_inspir_action(
    answer: CallAnswer, title: str, fields: list[str], user=None, themes=()
) -> InspirActionPage:
    """Create the draft page from the chosen fields; the answer becomes « retenue »."""
    parent = inspir_index()
    if parent is None:
        raise ValueError("No Inspir'action index page to hold the draft.")
    page = InspirActionPage(
        title=title,
        organisation=answer.organisation,
        actor_kind=answer.actor_kind,
        call=answer.call,
        live=False,
        owner=user if user is not None and user.is_authenticated else None,
    )
    for name in fields:
        if name not in PUBLIC_FIELDS:
            continue
        target, _label, rich = PUBLIC_FIELDS[name]
        value = getattr(answer, name)
        setattr(page, target, linebreaks(escape(value)) if rich and value else value)
    parent.add_child(instance=page)
    if themes:
        page.themes.set(themes)
    page.save_revision(user=page.owner, log_action=True)
    answer.inspir_action = page
    answer.save(update_fields=["inspir_action"])
    if answer.status in (ModerationStatus.PENDING, ModerationStatus.NEEDS_REVIEW):
        select(answer, user)
    return page
