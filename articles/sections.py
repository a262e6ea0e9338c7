"""The articles section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.db.models import F
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fabrique.core.content_checks import register_content_check
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


def feeds(request) -> list[tuple[str, str]]:
    """The articles' RSS feed, for the site's footer (one query)."""
    from .models import ArticleIndexPage

    index = ArticleIndexPage.objects.live().first()
    if index is None:
        return []
    return [(_("Articles (RSS)"), index.get_url(request) + index.reverse_subpage("feed"))]


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
        feeds="articles.sections.feeds",
    )
)


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
