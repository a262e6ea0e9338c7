"""Every admin path to testimonies, tried by each group: only moderators reach any story.

Table-driven on purpose: a new admin URL for testimonies belongs in ``URLS`` below, with
what each group must get. A refusal must also carry none of the story's words.
"""

import json

import pytest
from django.test import Client
from wagtail.log_actions import log

from fabrique.core.models import Theme
from testimonies.factories import TestimonyContactFactory, TestimonyFactory

SECRET_TITLE = "Mon diabète caché à Quimperlé"
SECRET_STORY = "Personne ne sait pour mon diabète, sauf ma sœur Amélie."
SECRET_EMAIL = "zoe.secret@example.org"
SECRET_WORDS = ("diabète", "Quimperlé", "Amélie", SECRET_EMAIL)


def leaked(body: str) -> list[str]:
    """Secret words found in a page or in a JSON answer (where "é" reads "\\u00e9")."""
    forms = {form for word in SECRET_WORDS for form in (word, json.dumps(word)[1:-1])}
    return sorted(form for form in forms if form in body)


SNIPPETS = "/admin/snippets/testimonies/testimony"
CHOOSER = "/admin/snippets/choose/testimonies/testimony"
BULK = "/admin/bulk/testimonies/testimony"

DENIED = "denied"  # 403, or 404 where nothing exists; no secret word in the answer
GONE = "gone"  # 404 for everyone: the view does not exist
NO_ADD = "no_add"  # 403 for everyone: nobody creates a story in the admin
OK = "ok"  # 200 for moderators and superusers
SHOWN_WITHOUT_SECRETS = "shown"  # 200 for everyone with admin access, no secret word
# 200 for those who keep the themes (editors too), a story shown by its title to
# moderators only; 403 for contributors.
THEME_KEEPERS = "theme_keepers"

GROUPS = ["editor", "contributor", "moderator", "superuser"]

# (url template, expectation for moderators/superusers); editors and contributors are
# always refused except for the site history, which they may read without the stories.
URLS = [
    (f"{CHOOSER}/", GONE),
    (f"{CHOOSER}/results/?q=diab%C3%A8te", GONE),
    (f"{CHOOSER}/chosen/{{pk}}/", GONE),
    (f"{CHOOSER}/chosen-multiple/?id={{pk}}", GONE),
    (f"{BULK}/delete/?id={{pk}}", OK),
    (f"{BULK}/delete/?id=all", OK),
    (f"{BULK}/publish_testimonies/?id={{pk}}", OK),
    (f"{BULK}/publish_testimonies/?id=all", OK),
    (f"{SNIPPETS}/", OK),
    (f"{SNIPPETS}/results/", OK),
    (f"{SNIPPETS}/edit/{{pk}}/", OK),
    (f"{SNIPPETS}/delete/{{pk}}/", OK),
    (f"{SNIPPETS}/history/{{pk}}/", OK),
    (f"{SNIPPETS}/history-results/{{pk}}/", OK),
    (f"{SNIPPETS}/usage/{{pk}}/", OK),
    (f"{SNIPPETS}/preview/{{pk}}/", OK),  # the story as it will be published
    (f"{SNIPPETS}/preview/", NO_ADD),
    (f"{SNIPPETS}/add/", NO_ADD),
    (f"{SNIPPETS}/copy/{{pk}}/", GONE),
    (f"{SNIPPETS}/inspect/{{pk}}/", GONE),
    ("/admin/snippets/core/theme/usage/{theme}/", THEME_KEEPERS),
    # The author's contact data has no admin at all.
    ("/admin/snippets/testimonies/testimonycontact/", GONE),
    ("/admin/bulk/testimonies/testimonycontact/delete/?id={pk}", GONE),
    ("/admin/reports/site-history/", SHOWN_WITHOUT_SECRETS),
    ("/admin/reports/site-history/results/", SHOWN_WITHOUT_SECRETS),
]


@pytest.fixture
def users(editor, contributor, moderator, admin_user):
    return {
        "editor": editor,
        "contributor": contributor,
        "moderator": moderator,
        "superuser": admin_user,
    }


@pytest.fixture
def secret(site_tree):
    """A pending story whose title, text and e-mail must reach moderators only."""
    theme = Theme.objects.create(name="Maladies chroniques")
    testimony = TestimonyFactory(title=SECRET_TITLE, story=SECRET_STORY)
    testimony.themes.add(theme)
    TestimonyContactFactory(testimony=testimony, email=SECRET_EMAIL)
    # An entry written the way Wagtail does by default (label = the title), as older
    # entries were: the site history must not show it to editors either.
    log(instance=testimony, action="wagtail.edit")
    return testimony


def expected_status(expectation: str, group: str) -> int:
    privileged = group in ("moderator", "superuser")
    if expectation == GONE:
        return 404
    if expectation == NO_ADD:
        return 403
    if expectation == SHOWN_WITHOUT_SECRETS:
        return 200
    if expectation == THEME_KEEPERS:
        return 403 if group == "contributor" else 200
    return 200 if privileged else 403


@pytest.mark.parametrize(("template", "expectation"), URLS)
def test_admin_url_answers_each_group_as_it_should(users, secret, template, expectation):
    """One URL, every group (one test per URL keeps the suite's time reasonable)."""
    url = template.format(pk=secret.pk, theme=secret.themes.get().pk)
    for group in GROUPS:
        client = Client()
        client.force_login(users[group])
        response = client.get(url)
        assert response.status_code == expected_status(expectation, group), (url, group)
        body = response.content.decode()
        privileged = group in ("moderator", "superuser")
        if not privileged or expectation in (GONE, NO_ADD):
            assert not leaked(body), (url, group)


@pytest.mark.parametrize("group", ["editor", "contributor"])
@pytest.mark.parametrize("action", ["delete", "publish_testimonies"])
def test_bulk_actions_refuse_a_post_and_change_nothing(users, secret, group, action):
    client = Client()
    client.force_login(users[group])
    response = client.post(f"{BULK}/{action}/?id={secret.pk}")
    assert response.status_code == 403
    secret.refresh_from_db()
    assert secret.status == "pending"


def test_moderators_see_the_story_where_they_work(users, secret):
    """The gate does not lock out the people it is for."""
    client = Client()
    client.force_login(users["moderator"])
    assert SECRET_TITLE in client.get(f"{SNIPPETS}/").content.decode()
    assert SECRET_TITLE in client.get(f"{BULK}/publish_testimonies/?id=all").content.decode()
    assert SECRET_TITLE in client.get(f"{BULK}/delete/?id={secret.pk}").content.decode()


def test_nobody_gets_an_add_or_copy_button(users, secret):
    for group in ("moderator", "superuser"):
        client = Client()
        client.force_login(users[group])
        listing = client.get(f"{SNIPPETS}/").content.decode()
        assert f'href="{SNIPPETS}/add/' not in listing
        assert f"{SNIPPETS}/copy/" not in listing
        edit = client.get(f"{SNIPPETS}/edit/{secret.pk}/").content.decode()
        assert f"{SNIPPETS}/copy/" not in edit
        assert client.post(f"{SNIPPETS}/add/", {"title": "Fabriquée"}).status_code == 403


def test_every_bulk_action_on_testimonies_is_gated(users, secret):
    """A bulk action added later (by an app or by Wagtail) must refuse editors as well."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    actions = [
        a.action_type
        for a in bulk_action_registry.get_bulk_actions_for_model("testimonies", "testimony")
    ]
    assert {"delete", "publish_testimonies"} <= set(actions)
    client = Client()
    client.force_login(users["editor"])
    for action in actions:
        response = client.get(f"{BULK}/{action}/?id=all")
        assert response.status_code == 403, action
        assert not leaked(response.content.decode())


def test_the_shared_chooser_gate_refuses_without_the_change_permission(users, secret):
    """For a moderated model that does need a chooser (answers to calls, later): every view
    of ``ModeratedChooserViewSet`` answers 403 to a user without the change permission."""
    from django.test import RequestFactory

    from fabrique.moderation.admin import ModeratedChooserViewSet
    from testimonies.models import Testimony

    viewset = ModeratedChooserViewSet("test_testimony_chooser", model=Testimony)
    factory = RequestFactory()
    views = [
        (viewset.choose_view, "/", {}),
        (viewset.choose_results_view, "/results/?q=diab%C3%A8te", {}),
        (viewset.chosen_view, f"/chosen/{secret.pk}/", {"pk": str(secret.pk)}),
        (viewset.chosen_multiple_view, f"/chosen-multiple/?id={secret.pk}", {}),
    ]
    for group in ("editor", "contributor"):
        for view, path, kwargs in views:
            request = factory.get(path)
            request.user = users[group]
            response = view(request, **kwargs)
            assert response.status_code == 403, (path, group)
            assert not leaked(response.content.decode())
    request = factory.get(f"/chosen/{secret.pk}/")
    request.user = users["moderator"]
    response = viewset.chosen_view(request, pk=str(secret.pk))
    assert response.status_code == 200
    assert json.loads(response.content)["result"]["string"] == SECRET_TITLE
