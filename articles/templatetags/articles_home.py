"""The home page's "Articles" section: the latest live articles as cards."""

from django import template
from django.db.models import F
from django.template.loader import render_to_string

register = template.Library()

HOME_ARTICLES = 4


@register.simple_tag(takes_context=True)
def home_section_articles(context) -> str:
    """Rendered here rather than in the home template so the home app stays unaware of articles.

    Empty when there is no article yet: the home page shows no empty section.
    """
    from articles.models import ArticleIndexPage, ArticlePage

    request = context.get("request")
    order = [F("date").desc(nulls_last=True), "-first_published_at"]
    home = context.get("page")
    if home is not None and hasattr(home, "featured_items") and not home.featured_items.exists():
        # No editors' picks on the home page: the articles marked "À voir" come first.
        order.insert(0, "-featured")
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
