"""The snippets pages are built from: Éditeurs keep them, Contributeurs add and choose."""

import pytest
from django.contrib.auth.models import Group

from fabrique.accounts.roles import CONTRIBUTORS, EDITORS

SNIPPETS = ["videos/videoseries", "podcasts/audiofile"]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_editors_and_contributors_use_them_moderators_do_not(
    site_tree, editor_client, contributor_client, moderator_client, snippet
):
    for group, client in ((EDITORS, editor_client), (CONTRIBUTORS, contributor_client)):
        assert client.get(f"/admin/snippets/{snippet}/").status_code == 200, group
        assert client.get(f"/admin/snippets/{snippet}/add/").status_code == 200, group
        assert client.get(f"/admin/snippets/choose/{snippet}/").status_code == 200, group
    model = snippet.split("/")[1]
    editor = Group.objects.get(name=EDITORS)
    contributor = Group.objects.get(name=CONTRIBUTORS)
    assert editor.permissions.filter(codename=f"delete_{model}").exists()
    assert not contributor.permissions.filter(codename=f"delete_{model}").exists()
    assert moderator_client.get(f"/admin/snippets/{snippet}/").status_code != 200
