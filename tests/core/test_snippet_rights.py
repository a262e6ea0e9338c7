"""The snippets pages are built from: Éditeurs keep them, Contributeurs add and choose."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from fabrique.accounts.roles import CONTRIBUTORS, EDITORS, MODERATORS

SNIPPETS = ["videos/videoseries", "podcasts/audiofile"]


def member(django_user_model, group):
    user = django_user_model.objects.create_user(group, f"{len(group)}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_editors_and_contributors_use_them_moderators_do_not(site_tree, django_user_model, snippet):
    for group in (EDITORS, CONTRIBUTORS):
        _, client = member(django_user_model, group)
        assert client.get(f"/admin/snippets/{snippet}/").status_code == 200, group
        assert client.get(f"/admin/snippets/{snippet}/add/").status_code == 200, group
        assert client.get(f"/admin/snippets/choose/{snippet}/").status_code == 200, group
    model = snippet.split("/")[1]
    editor = Group.objects.get(name=EDITORS)
    contributor = Group.objects.get(name=CONTRIBUTORS)
    assert editor.permissions.filter(codename=f"delete_{model}").exists()
    assert not contributor.permissions.filter(codename=f"delete_{model}").exists()
    _, moderator = member(django_user_model, MODERATORS)
    assert moderator.get(f"/admin/snippets/{snippet}/").status_code != 200
