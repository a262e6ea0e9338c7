"""People go through review like pages (docs/accounts-and-rights.md « Rien de public sans
relecture »): a Contributeur's change to a person is a draft until an Éditeur publishes it,
and nothing public shows it before then: bylines, author cards and filter, JSON-LD, the
articles' RSS, « Relu par »."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowContentType

from articles.factories import ArticlePageFactory
from fabrique.accounts.roles import CONTRIBUTORS, EDITORS
from fabrique.core.factories import PersonFactory
from fabrique.core.models import Person
from fabrique.core.review import public_identity
from fabrique.demo.site import publish
from tests.html import soup_of

EDITOR_TASK = "Validation par l'équipe éditoriale"


@pytest.fixture
def members(site_tree, contributor, contributor_client, editor, editor_client):
    return {
        "contributor": (contributor, contributor_client),
        "editor": (editor, editor_client),
    }


@pytest.fixture
def author(db):
    return PersonFactory(name="Jalel Malek Hamza", role="médecin pédiatre")


@pytest.fixture
def article(site_tree, author):
    page = ArticlePageFactory(parent=site_tree["sections"]["articles"], title="Soigner sans courir")
    page.authors.create(person=author)
    page.save()
    return publish(page)


def edit_url(person) -> str:
    return reverse("wagtailsnippets_core_person:edit", args=[person.pk])


def form_data(person, **changes) -> dict:
    data = {
        "name": person.name,
        "slug": person.slug,
        "role": person.role,
        "bio": json.dumps({"blocks": [], "entityMap": {}}),
        "photo": "",
        "website": person.website,
        "social_url": person.social_url,
    }
    data.update(changes)
    return data


def public_view(article) -> dict:
    """What readers get of the article: byline, author cards, JSON-LD, RSS, author filter."""
    reader = Client()
    page = soup_of(reader.get(article.url))
    index_url = article.get_parent().url
    return {
        "byline": page.select_one(".article__authors").get_text(" ", strip=True)
        if page.select_one(".article__authors")
        else "",
        "cards": [h.get_text(strip=True) for h in page.select(".article__people .person__name")],
        "json_ld": json.loads(page.select_one('script[type="application/ld+json"]').string).get(
            "author"
        ),
        "rss": reader.get(f"{index_url}rss/").content.decode(),
        "listing": reader.get(index_url).content.decode(),
    }


def test_people_use_the_pages_workflow_and_existing_ones_stay_live(author):
    assert WorkflowContentType.objects.get(content_type__model="person").workflow.name == (
        "Relecture avant publication"
    )
    # A person made the old way (factories, seed_demo, rows from before the migration).
    assert author.live and author.latest_revision is None and author.live_revision is None
    editors = Group.objects.get(name=EDITORS)
    contributors = Group.objects.get(name=CONTRIBUTORS)
    for codename in ("publish_person", "lock_person", "unlock_person"):
        assert editors.permissions.filter(codename=codename).exists(), codename
    assert contributors.permissions.filter(codename="change_person").exists()
    assert not contributors.permissions.filter(codename="publish_person").exists()


def test_a_person_from_before_the_migration_is_shown(article, author):
    seen = public_view(article)
    assert "Jalel Malek Hamza" in seen["byline"]
    assert seen["cards"] == ["Jalel Malek Hamza"]
    assert seen["json_ld"] == [{"@type": "Person", "name": "Jalel Malek Hamza"}]
    assert "Jalel Malek Hamza" in seen["rss"]


def test_a_contributor_renaming_a_person_changes_nothing_public(members, article, author):
    _, contributor = members["contributor"]
    before = public_view(article)
    response = contributor.post(
        edit_url(author),
        form_data(author, name="Jalel M. Hamza", website="https://exemple.org/jalel"),
    )
    assert response.status_code == 302

    author.refresh_from_db()
    assert author.name == "Jalel Malek Hamza"  # the row keeps the published values
    assert author.website == ""
    assert author.has_unpublished_changes
    assert author.get_latest_revision_as_object().name == "Jalel M. Hamza"
    assert public_view(article) == before
    assert "Jalel M. Hamza" not in before["rss"]


def test_a_contributor_cannot_publish_a_person(members, article, author):
    _, contributor = members["contributor"]
    page = contributor.get(edit_url(author)).content.decode()
    assert 'name="action-submit"' in page
    assert 'name="action-publish"' not in page

    # A hand-made "publish" is saved as a draft, nothing more.
    response = contributor.post(
        edit_url(author), {**form_data(author, name="Jalel M. Hamza"), "action-publish": "1"}
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.name == "Jalel Malek Hamza"
    assert "Jalel M. Hamza" not in public_view(article)["byline"]
    assert contributor.post(
        reverse("wagtailsnippets_core_person:unpublish", args=[author.pk])
    ).status_code in (302, 403)
    author.refresh_from_db()
    assert author.live


def test_a_submitted_change_goes_public_when_an_editor_approves_it(members, article, author):
    contributor_user, contributor = members["contributor"]
    _, editor = members["editor"]
    contributor.post(
        edit_url(author), {**form_data(author, name="Jalel M. Hamza"), "action-submit": "1"}
    )
    author.refresh_from_db()
    state = author.current_workflow_state
    # The caregiver's step passes by itself: a person makes no health claim.
    assert state.current_task_state.task.name == EDITOR_TASK
    assert state.requested_by == contributor_user
    approve = reverse(
        "wagtailsnippets_core_person:workflow_action",
        args=[author.pk, "approve", state.current_task_state.pk],
    )

    # The author of the change cannot approve it.
    contributor.post(approve, {"comment": ""})
    author.refresh_from_db()
    assert author.name == "Jalel Malek Hamza"
    assert "Jalel M. Hamza" not in public_view(article)["byline"]

    assert editor.post(approve, {"comment": ""}).status_code == 302
    author.refresh_from_db()
    assert author.name == "Jalel M. Hamza"
    assert not author.has_unpublished_changes
    seen = public_view(article)
    assert "Jalel M. Hamza" in seen["byline"]
    assert seen["json_ld"] == [{"@type": "Person", "name": "Jalel M. Hamza"}]
    assert "Jalel M. Hamza" in seen["rss"]


def test_an_editors_edit_publishes_directly(members, article, author):
    _, editor = members["editor"]
    page = editor.get(edit_url(author)).content.decode()
    assert 'name="action-publish"' in page
    response = editor.post(
        edit_url(author), {**form_data(author, name="Jalel M. Hamza"), "action-publish": "1"}
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.name == "Jalel M. Hamza" and author.live
    assert "Jalel M. Hamza" in public_view(article)["byline"]


def test_a_new_person_is_shown_nowhere_until_published(members, site_tree, article):
    _, contributor = members["contributor"]
    response = contributor.post(
        reverse("wagtailsnippets_core_person:add"),
        {**form_data(Person(), name="Inès Nouvelle", slug="ines-nouvelle", role="sage-femme")},
    )
    assert response.status_code == 302, response.context["form"].errors
    newcomer = Person.objects.get(name="Inès Nouvelle")
    assert not newcomer.live
    # Named on a published page (an Éditeur may approve the page before the person).
    article.authors.create(person=newcomer)
    publish(article)
    seen = public_view(article)
    assert "Inès" not in seen["byline"] + seen["rss"] + json.dumps(seen["json_ld"])
    assert seen["cards"] == ["Jalel Malek Hamza"]
    filtered = Client().get(f"{article.get_parent().url}?auteur={newcomer.slug}")
    assert "Inès" not in filtered.content.decode()

    # The page editor says why the person is missing.
    _, editor = members["editor"]
    editing = editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "La fiche de « Inès Nouvelle » n&#x27;est pas encore publiée" in editing

    newcomer.latest_revision.publish(user=members["editor"][0])
    seen = public_view(article)
    assert "Inès Nouvelle" in seen["byline"] and "Inès Nouvelle" in seen["rss"]
    assert {"@type": "Person", "name": "Inès Nouvelle"} in seen["json_ld"]
    filtered = Client().get(f"{article.get_parent().url}?auteur={newcomer.slug}")
    assert "Inès Nouvelle" in filtered.content.decode()


@pytest.mark.parametrize(("group", "live"), [("contributor", False), ("editor", True)])
def test_a_person_made_in_the_chooser_waits_for_review_unless_the_user_publishes(
    members, group, live
):
    _, client = members[group]
    response = client.post(
        reverse("wagtailsnippetchoosers_core_person:create"),
        {"name": "Léa Choisie", "role": "kinésithérapeute"},
    )
    assert response.status_code == 200
    person = Person.objects.get(name="Léa Choisie")
    assert person.live is live
    assert person.latest_revision is not None


def test_relu_par_names_only_a_published_person(members, django_user_model):
    user = django_user_model.objects.create_user(
        "awa", "awa@example.org", "x", first_name="Awa", last_name="Diallo"
    )
    person = Person.objects.create(name="Awa D.", role="infirmière", user=user)
    assert public_identity(user) == ("Awa D.", "infirmière")
    # A draft rename waits in its revision: « Relu par » keeps the published name.
    _, contributor = members["contributor"]
    contributor.post(edit_url(person), form_data(person, name="Awa Renommée"))
    user.refresh_from_db()
    assert public_identity(user) == ("Awa D.", "infirmière")
    Person.objects.filter(pk=person.pk).update(live=False)
    user = django_user_model.objects.get(pk=user.pk)
    assert public_identity(user) == ("Awa Diallo", "")
