"""/podcasts/: the podcasts section's page, listing every live show."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from fabrique.core.models import BasePage

from .shows import PodcastShowPage

SHOWS_PER_PAGE = 12


class PodcastIndexPage(BasePage):
    """The podcasts section: every live show, paginated."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Affichée sous le titre de la page Podcasts, au-dessus de la liste des émissions."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]
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
