"""The admin form every page type uses: slug clashes explained in French, never a dead end.

Wagtail's own message (« slug already in use within the parent page ») does not say which
page holds the address, and a new page whose title matches a sibling's could not be
saved until the editor invented a slug. Here a new page whose slug is the one its title
gives takes the next free one (``-2``, ``-3``…), and any other clash names the page.
"""

from datetime import timedelta

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from fabrique.core.datetime_widget import ScheduleDateTimeInput
from fabrique.core.mixins import ascii_slug

SLUG_MAX_LENGTH = 255
# A draft the same editor created this recently under that title is this very page, saved
# a moment ago by Wagtail's autosave or by a double click: never a reason for a second copy.
SAME_DRAFT_WINDOW = timedelta(minutes=10)


def free_slug(base: str, siblings) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no sibling has."""
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base[: SLUG_MAX_LENGTH - len(str(n)) - 1]}-{n}"
    return slug


class PageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # « Programmer »: the picker opens inside the schedule dialog (core/datetime_widget.py).
        for name in ("go_live_at", "expire_at"):
            if name in self.fields:
                self.fields[name].widget = ScheduleDateTimeInput()

    def clean(self):
        slug = self.cleaned_data.get("slug", "")
        title = self.cleaned_data.get("title", "")
        parent = self.parent_page
        holder = None
        if parent is not None and (slug or title):
            siblings = parent.get_children()
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            from_title = ascii_slug(title, SLUG_MAX_LENGTH)
            creating = self.instance.pk is None
            own_draft = self._own_recent_draft(siblings, from_title) if creating else None
            if own_draft is not None:
                holder = own_draft
            elif creating and from_title and slug in ("", from_title):
                # Derived from the title (by the admin's script or left empty): made unique.
                self.cleaned_data["slug"] = free_slug(from_title, siblings)
            elif slug:
                holder = siblings.filter(slug=slug).first()
        cleaned_data = super().clean()
        if holder is not None:
            self._errors.pop("slug", None)
            self.add_error("slug", forms.ValidationError(self._clash_message(slug, holder)))
        return cleaned_data

    def _clash_message(self, slug, holder):
        """Which page has the address, with a link to it.

        The editor's own draft of a moment ago is named as such: it is the page Wagtail's
        autosave created from the form they left (or a double click), and what a volunteer
        expects is to find it and go on with it, not a second page with an odd address.
        Past that short window, a page with the same title simply gets the next free
        address instead (``clean``), since the old draft is then an abandoned one.
        """
        slug = slug or holder.slug
        url = reverse("wagtailadmin_pages:edit", args=(holder.pk,))
        values = {
            "slug": slug,
            "title": holder.title,
            "free": free_slug(slug, self.parent_page.get_children()),
        }
        if holder.first_published_at is None and holder.owner_id == getattr(
            getattr(self, "for_user", None), "pk", None
        ):
            text = _(
                "L'adresse « %(slug)s » est déjà celle de la page « %(title)s », un brouillon "
                "jamais publié que vous venez de commencer (l'enregistrement automatique l'a "
                "créé)."
            )
            link = _("Reprendre ce brouillon")
            after = _("Pour créer une autre page, changez son titre ou son adresse.")
        else:
            text = _(
                "L'adresse « %(slug)s » est déjà celle de la page « %(title)s », au même "
                "endroit du site. Choisissez-en une autre, par exemple « %(free)s »."
            )
            link = _("Voir cette page")
            after = ""
        return format_html(
            '{} <a href="{}">{}</a>{}', text % values, url, link, f" {after}" if after else ""
        )

    def _own_recent_draft(self, siblings, slug: str):
        """The never-published page this editor just created with this slug, if any."""
        user = getattr(self, "for_user", None)
        if not slug or user is None or not user.is_authenticated:
            return None
        return (
            siblings.filter(
                slug=slug,
                owner=user,
                first_published_at__isnull=True,
                latest_revision_created_at__gte=timezone.now() - SAME_DRAFT_WINDOW,
            )
            .order_by("-latest_revision_created_at")
            .first()
        )
