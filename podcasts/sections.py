"""The Podcasts section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.db.models import F
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fabrique.core.feeds import FeedLink, register_feeds
from fabrique.core.sections import Section, register_section
from fabrique.search.kinds import SearchKind, register_search_kind

from .models import EpisodePage, PodcastIndexPage, PodcastShowPage


def render_home(request, page) -> str:
    """The latest live episode, with its show; empty while there is none."""
    episode = (
        EpisodePage.objects.live()
        .public()
        .select_related("audio", "cover_image", "listing_image")
        .order_by(F("publication_date").desc(nulls_last=True), "-pk")
        .first()
    )
    if episode is None:
        return ""
    index = PodcastIndexPage.objects.live().public().first()
    return render_to_string(
        "podcasts/includes/home_section.html",
        {"episode": episode, "show": episode.show, "index": index, "request": request},
        request=request,
    )


def feeds(request) -> list[FeedLink]:
    """One feed per live show; every page of the section announces them all (one query)."""
    index = PodcastIndexPage.objects.live().public().first()
    if index is None:
        return []
    scope = index.get_url(request)
    shows = PodcastShowPage.objects.live().public().descendant_of(index).order_by("path")
    return [
        FeedLink(
            title=_("%(title)s (podcast RSS)") % {"title": show.title},
            url=show.get_url(request) + show.reverse_subpage("feed"),
            group=_("Podcasts"),
            description=_(
                "Chaque nouvel épisode de « %(title)s », à coller dans votre application de podcast."
            )
            % {"title": show.title},
            scope=scope,
            on_home=True,
        )
        for show in shows
    ]


register_section(
    Section(
        key="podcasts",
        label=_("Podcasts"),
        index_factory="podcasts.factories.PodcastIndexPageFactory",
        title="Podcasts",
        slug="podcasts",
        intro="<p>Nos émissions à écouter, où vous voulez, quand vous voulez.</p>",
        menu_order=30,
        demo="podcasts.demo.seed",
        home="podcasts.sections.render_home",
    )
)

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(
        key="episodes",
        label=_("Épisodes"),
        page_models=(
            "podcasts.EpisodePage",
            "podcasts.PodcastShowPage",
        ),
        order=30,
    )
)

register_feeds("podcasts", "podcasts.sections.feeds")
