"""Articles: tribunes, décryptages and portraits, with rubrics, tags, authors and footnotes."""

import math

from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.footnotes import link_footnote_calls
from fabrique.core.listing import filter_listing
from fabrique.core.mixins import ascii_slug
from fabrique.core.models import BasePage, NameSlugSnippet, Person, SectionIndexPage, section_intro
from fabrique.core.people import live_people
from fabrique.web.querystring import clean_filter_value

from .blocks import ArticleStreamBlock

WORDS_PER_MINUTE = 220
ARTICLES_PER_PAGE = 12
RELATED_COUNT = 3


class Rubric(NameSlugSnippet):
    """The editorial kind of an article (Tribune, Décryptage…), used to filter the listing."""

    class Meta(NameSlugSnippet.Meta):
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")


class ArticleIndexPage(RoutablePageMixin, SectionIndexPage):
    """The articles section: a filterable, paginated listing and its RSS feeds."""

    intro = section_intro(
        _("Affichée sous le titre de la page Articles, au-dessus des filtres et de la liste.")
    )

    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("index des articles")

    def get_articles(self):
        """Live public articles with everything a card shows, in a fixed number of queries."""
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("rubric", "hero_image", "listing_image")
            .prefetch_related(
                "authors__person",
                "tags",
                "hero_image__renditions",
                "listing_image__renditions",
            )
            .order_by(F("date").desc(nulls_last=True), "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.get_articles()
        rubrics = list(Rubric.objects.all())
        rubric_slug = clean_filter_value(request.GET.get("rubrique"))
        current_rubric = next((r for r in rubrics if r.slug == rubric_slug), None)
        if current_rubric:
            articles = articles.filter(rubric=current_rubric)
        author_slug = clean_filter_value(request.GET.get("auteur"))
        people = Person.objects.filter(live=True)
        current_author = people.filter(slug=author_slug).first() if author_slug else None
        if current_author:
            articles = articles.filter(authors__person=current_author)
        tag_slug = clean_filter_value(request.GET.get("tag"))
        current_tag = Tag.objects.filter(slug=tag_slug).first() if tag_slug else None
        if current_tag:
            articles = articles.filter(tags=current_tag)
        # Offered by the dossiers app when it is installed (dossiers/apps.py).
        articles, dossiers, current_dossier = filter_listing(
            "dossier", articles, request.GET.get("dossier")
        )
        context.update(
            page_obj=Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page")),
            dossiers=dossiers,
            current_dossier=current_dossier,
            rubrics=rubrics,
            current_rubric=current_rubric,
            current_tag=current_tag,
            current_author=current_author,
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        # Slugs were accented before they became ASCII: an old « ?auteur=mickaël-… »,
        # « ?rubrique=décryptage » or « ?tag=déserts-médicaux » link answers a permanent
        # redirect to its ASCII form. Only a value whose ASCII form names an existing
        # author, rubric or keyword is redirected: anything else (a typo, undecodable
        # bytes) is an unknown filter, shown unfiltered.
        models_by_key = {"auteur": Person, "rubrique": Rubric, "tag": Tag}
        query = request.GET.copy()
        moved = False
        for key, model in models_by_key.items():
            value = request.GET.get(key, "")
            if value.isascii():
                continue
            folded = ascii_slug(value)
            found = model.objects.filter(slug=folded)
            if model is Person:
                found = found.filter(live=True)
            if folded and found.exists():
                query[key] = folded
                moved = True
        if moved:
            return HttpResponsePermanentRedirect(f"{self.url}?{query.urlencode()}")
        return super().index_route(request, *args, **kwargs)

    @path("rss/")
    def feed(self, request):
        from .feeds import ArticleFeed

        return ArticleFeed(self)(request)

    @path("rss/<str:rubric_slug>/")
    def rubric_feed(self, request, rubric_slug):
        from .feeds import ArticleFeed

        rubric = Rubric.objects.filter(slug=rubric_slug).first()
        if rubric is None and not rubric_slug.isascii():
            # The feed's old accented address: one permanent redirect to the ASCII one.
            folded = Rubric.objects.filter(slug=ascii_slug(rubric_slug)).first()
            if folded:
                return HttpResponsePermanentRedirect(
                    self.url + self.reverse_subpage("rubric_feed", args=[folded.slug])
                )
        if rubric is None:
            raise Http404
        return ArticleFeed(self, rubric)(request)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(BasePage):
    """One article; footnotes are referenced in the text as « [1] »."""

    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Vide : la date de première publication."),
    )
    standfirst = models.TextField(
        _("chapô"),
        blank=True,
        help_text=_(
            "Affiché en gros caractères sous le titre, et repris dans les listes et les partages si le résumé est vide."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Grande image en tête de l'article ; renseignez sa description (texte alternatif). Vide : pas d'image."
        ),
    )
    hero_caption = models.CharField(
        _("légende"), max_length=300, blank=True, help_text=_("Affichée sous l'image principale.")
    )
    hero_credit = models.CharField(
        _("crédit"),
        max_length=150,
        blank=True,
        help_text=_(
            "Le nom de l'auteur ou de l'autrice, sans « © » : le site l'ajoute. "
            "« Camille Martin » s'affiche « © Camille Martin » après la légende."
        ),
    )
    rubric = models.ForeignKey(
        Rubric,
        verbose_name=_("rubrique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_(
            "Affichée au-dessus du titre et sur les cartes ; les lecteurs filtrent les articles par rubrique."
        ),
    )
    tags = ClusterTaggableManager(verbose_name=_("mots-clés"), through=ArticlePageTag, blank=True)
    body = StreamField(
        ArticleStreamBlock(),
        verbose_name=_("corps"),
        blank=True,
        help_text=_(
            "Le texte de l'article, sous le chapô. Appelez la note n en écrivant [n] : elle renvoie aux notes ci-dessous."
        ),
    )
    health_claims = models.BooleanField(
        _("contient des affirmations de santé"),
        default=False,
        help_text=_(
            "Cochez si l'article donne une information médicale (traitement, risque, "
            "chiffre de santé) : avant publication, un·e soignant·e du groupe « Relecteurs "
            "soignants » le relit, et l'article affiche « Relu par … le … »."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Image principale"),
        ),
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("rubric"), FieldPanel("tags")],
            heading=_("Classement"),
        ),
        InlinePanel(
            "authors",
            heading=_("Auteurs et autrices"),
            label=_("auteur ou autrice"),
            add_label=_("Ajouter un auteur ou une autrice"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "footnotes",
            heading=_("Notes"),
            label=_("note"),
            add_label=_("Ajouter une note"),
            ignore_blank=["text"],
            help_text=_("Appelez la note n dans le texte en écrivant [n]."),
        ),
        FieldPanel("health_claims", heading=_("Relecture soignante")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        # Found by the site's search too: the published authors, the rubric, the keywords
        # and the notes (docs/search.md).
        index.SearchField("search_credits"),
        index.RelatedFields("footnotes", [index.SearchField("text")]),
    ]
    summary_field = "standfirst"
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    def save(self, *args, **kwargs):
        # The listing sorts on "date": an article without one takes its publication day.
        if not self.date and self.first_published_at:
            self.date = super().get_content_date()
        super().save(*args, **kwargs)

    og_type = "article"

    def get_content_date(self):
        """The date the editors set (the day the piece ran), else the publication day."""
        return self.date or super().get_content_date()

    def get_listing_image(self):
        return self.listing_image or self.hero_image

    def needs_caregiver_review(self) -> bool:
        return self.health_claims

    def search_credits(self) -> str:
        """Published authors' names, the rubric and the keywords, for the search index."""
        names = [person.name for person in self.get_authors()]
        if self.rubric_id:
            names.append(self.rubric.name)
        names += [tag.name for tag in self.tags.all()]
        return " ".join(names)

    def get_authors(self) -> list:
        # Asked by the byline, the author cards and the JSON-LD: read once a request.
        if (cached := getattr(self, "_authors_cache", None)) is not None:
            return cached
        self._authors_cache = self._read_authors()
        return self._authors_cache

    def _read_authors(self) -> list:
        """The published people credited, in the editors' order: prefetched in listings,
        else one query. A person still waiting for review is not shown (core/people.py)."""
        authors = self.authors.all()
        if "authors" not in getattr(self, "_prefetched_objects_cache", {}):
            authors = authors.select_related("person", "person__photo")
        return [author.person for author in live_people(authors)]

    def get_footnotes(self) -> list:
        """The notes, read once a request (the body's calls and the list of notes use them)."""
        if (cached := getattr(self, "_footnotes_cache", None)) is not None:
            return cached
        self._footnotes_cache = list(self.footnotes.all())
        return self._footnotes_cache

    @classmethod
    def get_route_queryset(cls):
        return (
            super()
            .get_route_queryset()
            .select_related("hero_image", "listing_image", "rubric")
            .prefetch_related(
                Prefetch(
                    "authors",
                    queryset=ArticleAuthor.objects.select_related("person", "person__photo"),
                ),
                "footnotes",
                "tags",
            )
        )

    def get_related_condition(self):
        """Articles of the same rubric are related too (``BasePage.get_related_pages``)."""
        return Q(rubric_id=self.rubric_id) if self.rubric_id else None

    def get_related_articles(self, limit: int = RELATED_COUNT) -> list["ArticlePage"]:
        """Other articles of the same rubric or sharing a tag, newest first, in one query.

        Tags are read from the page object, not queried: in a preview they are the
        editor's unsaved, in-memory ones (a new tag has no primary key yet).
        """
        tag_ids = [tag.pk for tag in self.tags.all() if tag.pk]
        condition = Q(rubric_id=self.rubric_id) if self.rubric_id else Q()
        if tag_ids:
            condition |= Q(tags__in=tag_ids)
        if not condition:
            return []
        related = (
            ArticlePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(condition)
            .distinct()
            .select_related("rubric", "hero_image", "listing_image")
            .prefetch_related(
                "authors__person", "hero_image__renditions", "listing_image__renditions"
            )
            .order_by(F("date").desc(nulls_last=True), "-first_published_at")
        )
        return list(related[:limit])

    @cached_property
    def reading_time(self) -> int:
        """Minutes at 220 words a minute, never less than one."""
        words = len(strip_tags(str(self.body)).split()) + len(self.standfirst.split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def render_body(self) -> str:
        """The body with each « [n] » turned into a link to note n (and an anchor back)."""
        return link_footnote_calls(str(self.body), len(self.get_footnotes()))

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "Article"
        data["headline"] = self.title
        if published := self.get_content_date():
            data["datePublished"] = published.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        data["author"] = [{"@type": "Person", "name": p.name} for p in self.get_authors()]
        image = self.get_listing_image()
        if image:
            rendition = image.get_rendition("fill-1200x630")
            data["image"] = rendition.full_url
        data["publisher"] = self.get_publisher(request)
        return data


class ArticleAuthor(Orderable):
    """An author of an article, in the order editors choose."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Affichée dans la signature sous le titre, et avec sa biographie en bas de l'article."
        ),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur ou autrice")


class ArticleFootnote(Orderable):
    """A note shown at the end of the article; its number is its position."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="footnotes")
    text = RichTextField(
        _("texte"),
        features=["bold", "italic", "link"],
        help_text=_(
            "La note numérotée, affichée en bas de l'article ; [1] dans le texte renvoie à la première."
        ),
    )

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("note")
        verbose_name_plural = _("notes")
