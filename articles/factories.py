"""Factories for articles; tests and ``seed_demo`` both build content with them."""

import factory
import wagtail_factories

from .models import ArticleIndexPage, ArticlePage, Rubric


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Articles"
    slug = "articles"

    class Meta:
        model = ArticleIndexPage


class RubricFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Rubrique {n}")

    class Meta:
        model = Rubric
        django_get_or_create = ("name",)


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    standfirst = "Un chapô qui résume l'article."

    class Meta:
        model = ArticlePage
