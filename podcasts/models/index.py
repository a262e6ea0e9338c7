"""/podcasts/: the podcasts section's page, listing every live show."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from fabrique.core.models import SectionIndexPage, section_intro

from .shows import PodcastShowPage

SHOWS_PER_PAGE = 12


class PodcastIndexPage(SectionIndexPage):
    """The podcasts section: every live show, paginated."""

    intro = section_intro(
        _("Affichée sous le titre de la page Podcasts, au-dessus de la liste des émissions.")
    )

    subpage_types = ["podcasts.PodcastShowPage"]

    class Meta:
        verbose_name = _("index des podcasts")

    def get_shows(self):
        return (
            PodcastShowPage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover_image", "listing_image")
            .prefetch_related("cover_image__renditions", "listing_image__renditions")
            .order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = Paginator(self.get_shows(), SHOWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context
