"""The articles section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.db.models import F
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fabrique.core.content_checks import register_content_check
from fabrique.core.feeds import FeedLink, register_feeds
from fabrique.core.sections import Section, register_section
from fabrique.search.kinds import SearchKind, register_search_kind

HOME_ARTICLES = 4


def render_home(request, page) -> str:
    """The latest live articles as cards; empty when there is no article yet."""
    from .models import ArticleIndexPage, ArticlePage

    # The editors' picks are chosen in one place, the home page's « À la une » list.
    order = [F("date").desc(nulls_last=True), "-first_published_at"]
    articles = list(
        ArticlePage.objects.live()
        .public()
        .select_related("rubric", "hero_image", "listing_image")
        .prefetch_related("hero_image__renditions", "listing_image__renditions")
        .order_by(*order)[:HOME_ARTICLES]
    )
    if not articles:
        return ""
    index = ArticleIndexPage.objects.live().public().first()
    return render_to_string(
        "articles/includes/home_section.html",
        {"articles": articles, "index": index, "request": request},
        request=request,
    )


def feeds(request) -> list[FeedLink]:
    """The articles' RSS feed, then one per rubric that has live articles (two queries).

    The section's pages announce the whole feed; the rubrics' are listed on the
    « S'abonner » page (and announced by the listing filtered on that rubric).
    """
    from .models import ArticleIndexPage, ArticlePage, Rubric

    index = ArticleIndexPage.objects.live().public().first()
    if index is None:
        return []
    base = index.get_url(request)
    group = _("Articles")
    links = [
        FeedLink(
            title=_("Articles (RSS)"),
            url=base + index.reverse_subpage("feed"),
            group=group,
            description=_("Chaque nouvel article, toutes rubriques confondues."),
            scope=base,
            on_home=True,
        )
    ]
    used = ArticlePage.objects.live().public().child_of(index).values("rubric")
    for rubric in Rubric.objects.filter(pk__in=used).order_by("name"):
        links.append(
            FeedLink(
                title=_("Articles : %(name)s (RSS)") % {"name": rubric.name},
                url=base + index.reverse_subpage("rubric_feed", args=[rubric.slug]),
                group=group,
                description=_("Les articles de la rubrique « %(name)s » seulement.")
                % {"name": rubric.name},
            )
        )
    return links


register_section(
    Section(
        key="articles",
        label=_("Articles"),
        index_factory="articles.factories.ArticleIndexPageFactory",
        title="Articles",
        slug="articles",
        intro="<p>Tribunes, décryptages et portraits pour comprendre le système de santé.</p>",
        menu_order=20,
        demo="articles.demo.seed",
        home="articles.sections.render_home",
    )
)

register_feeds("articles", "articles.sections.feeds")


@register_content_check
def sources_for_health_claims(page):
    """An article that makes health claims says where they come from."""
    if getattr(page, "health_claims", False) and not page.footnotes.all():
        yield _(
            "L'article déclare des affirmations de santé mais ne cite aucune source : "
            "ajoutez au moins une note (étude, recommandation, texte officiel)."
        )


# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(key="articles", label=_("Articles"), page_models=("articles.ArticlePage",), order=10)
)
