"""Who may delete or move a page: Wagtail's tester, narrowed by the deletion policy.

Apart from ``deletion.py`` (its admin views and hooks) because every page model asks for
this tester (``BasePage.permissions_for_user``), and a models module may import only what
loads before the models do: Wagtail's admin does not.
"""

from django.db.models import Q
from wagtail.models import PagePermissionTester


def ever_published(pages) -> bool:
    """Whether any page of ``pages`` (a page queryset) is live or has been published once."""
    return pages.filter(Q(live=True) | Q(first_published_at__isnull=False)).exists()


def subtree_ever_published(page) -> bool:
    return ever_published(page.get_descendants(inclusive=True))


class FabriquePagePermissionTester(PagePermissionTester):
    """Wagtail's rules, narrowed for deletion by those who may not publish."""

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser or "publish" in self.permissions:
            return True
        # One query: no page here that is someone else's, live, or was ever published.
        return (
            not self.page.get_descendants(inclusive=True)
            .exclude(owner=self.user, live=False, first_published_at__isnull=True)
            .exists()
        )

    def can_move(self):
        """Moving keeps Wagtail's own rule (Wagtail asks ``can_delete`` for it): a move
        loses nothing, and a live page moves only for those who may publish."""
        return super().can_delete(ignore_bulk=True)
