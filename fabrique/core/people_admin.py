"""The admin side of people under review (docs/accounts-and-rights.md, « Rien de public
sans relecture »).

- The chooser's « Nouvelle personne » form creates the person the way the snippet's own
  form does: published at once by someone who may publish people, a draft otherwise.
  Wagtail's chooser would save a bare row, live and without a revision, which would let
  a Contributeur put a person online without review.
- The page editor says which chosen people are not published yet, so an Éditeur
  approving the page knows to publish their records too (``people.py`` keeps them off
  the public page until then).
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.actions.create import CreateAction
from wagtail.snippets.views.chooser import SnippetCreateView

from fabrique.core.content_checks import register_content_check
from fabrique.core.models import Person


class PersonChooserCreateView(SnippetCreateView):
    """The chooser's creation form, saved as a draft unless the user may publish people."""

    def save_form(self, form):
        can_publish = self.get_permission_policy().user_has_permission(self.request.user, "publish")
        return CreateAction(
            form.instance, user=self.request.user, form=form, publish=can_publish
        ).execute(skip_permission_checks=True)


def _chosen_people(page):
    """Every Person chosen in the page's inline lists (authors, credits, hosts…)."""
    for relation in get_all_child_relations(page):
        model = relation.related_model
        fields = [
            field.name
            for field in model._meta.get_fields()
            if field.many_to_one and field.related_model is Person
        ]
        if not fields:
            continue
        for child in getattr(page, relation.get_accessor_name()).all():
            for name in fields:
                person = getattr(child, name, None)
                if person is not None:
                    yield person


@register_content_check
def unpublished_people(page) -> Iterable[str]:
    waiting = {person.pk: person for person in _chosen_people(page) if not person.live}
    for person in waiting.values():
        yield _(
            "La fiche de « %(name)s » n'est pas encore publiée : cette personne n'apparaîtra "
            "pas sur la page publique tant qu'un·e Éditeur·rice n'aura pas publié sa fiche "
            "(menu Personnes)."
        ) % {"name": person.name}
