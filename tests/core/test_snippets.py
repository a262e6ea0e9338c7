"""Rubrics and themes: one abstract name-and-slug snippet in fabrique/core, used by both."""

import pytest

from articles.models import Rubric
from fabrique.core.models import NameSlugSnippet, Theme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Rubric, Theme])
def test_curated_lists_share_the_name_and_slug_snippet(model):
    assert issubclass(model, NameSlugSnippet)
    for name in ("Tribune", "Portrait", "Décryptage"):
        model.objects.create(name=name)
    assert [str(item) for item in model.objects.all()] == ["Décryptage", "Portrait", "Tribune"]
    assert model.objects.get(name="Portrait").slug == "portrait"
    assert not model._meta.get_field("slug").allow_unicode
