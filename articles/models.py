from django.utils.translation import gettext_lazy as _

from fabrique.core.models import ComingSoonIndexPage


class ArticleIndexPage(ComingSoonIndexPage):
    """The articles section; its content pages arrive with their own issue."""

    subpage_types = []

    class Meta:
        verbose_name = _("index des articles")
