"""The editorial team's groups, as created by the data migration."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupPagePermission, Page

from fabrique.accounts.roles import CONTRIBUTORS, EDITORS, MODERATORS
from tests.team import member

pytestmark = pytest.mark.django_db


def page_codenames(group_name: str) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(
            group__name=group_name, page=Page.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )


def test_french_groups_replace_wagtail_defaults():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, MODERATORS, CONTRIBUTORS} <= names
    assert {"Éditeurs", "Modérateurs", "Contributeurs"} <= names
    assert "Editors" not in names
    assert "Moderators" not in names


def test_page_permissions_on_the_root():
    assert page_codenames(EDITORS) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert page_codenames(CONTRIBUTORS) == {"add_page", "change_page"}
    assert page_codenames(MODERATORS) == set()


@pytest.mark.parametrize(
    ("group_name", "allowed", "refused"),
    [
        (
            EDITORS,
            {
                "wagtailadmin.access_admin",
                "core.add_person",
                "core.change_person",
                "core.delete_person",
                "core.change_sitesettings",
                "wagtailredirects.add_redirect",
                "wagtailredirects.change_redirect",
                "wagtailredirects.delete_redirect",
            },
            set(),
        ),
        (
            CONTRIBUTORS,
            {"wagtailadmin.access_admin", "core.add_person", "core.change_person"},
            {"core.delete_person", "core.change_sitesettings", "wagtailredirects.add_redirect"},
        ),
        (
            MODERATORS,
            {"wagtailadmin.access_admin"},
            {"core.add_person", "core.change_sitesettings", "wagtailredirects.add_redirect"},
        ),
    ],
)
def test_what_each_group_may_do_outside_pages(group_name, allowed, refused):
    user = member(group_name, "membre")
    assert {perm for perm in allowed | refused if user.has_perm(perm)} == allowed


@pytest.mark.parametrize(
    ("group_name", "images", "documents"),
    [
        (EDITORS, {"add", "change", "delete", "choose"}, {"add", "change", "delete", "choose"}),
        (CONTRIBUTORS, {"add", "choose"}, {"add", "choose"}),
        (MODERATORS, set(), set()),
    ],
)
def test_what_each_group_may_do_with_images_and_documents(group_name, images, documents):
    """Changing or deleting is checked on a file someone else uploaded (one's own is allowed).

    Wagtail lets whoever may change a file delete it too.
    """
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry
    from wagtail_factories import DocumentFactory

    from fabrique.core.factories import ImageFactory

    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())
    user = member(group_name, "membre")

    def granted(policy, instance) -> set[str]:
        return {
            *(a for a in ("add", "choose") if policy.user_has_permission(user, a)),
            *(
                a
                for a in ("change", "delete")
                if policy.user_has_permission_for_instance(user, a, instance)
            ),
        }

    assert granted(image_policy, ImageFactory(title="Une image")) == images
    document = DocumentFactory(title="Un document", collection=Collection.get_first_root_node())
    assert granted(document_policy, document) == documents


@pytest.mark.parametrize(
    ("group_name", "can_edit", "can_publish"),
    [(EDITORS, True, True), (CONTRIBUTORS, True, False), (MODERATORS, False, False)],
)
def test_who_may_edit_and_publish_the_about_page(site_tree, group_name, can_edit, can_publish):
    user = member(group_name, "membre")
    about = site_tree["pages"]["a-propos"]
    permissions = about.permissions_for_user(user)
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish


@pytest.mark.parametrize("group_name", [EDITORS, CONTRIBUTORS, MODERATORS])
def test_every_group_reaches_the_admin(client, site_tree, group_name):
    client.force_login(member(group_name, "membre"))
    response = client.get("/admin/")
    assert response.status_code == 200


def test_a_visitor_without_group_is_sent_to_login(client, site_tree):
    user = get_user_model().objects.create_user(username="lecteur", password="x")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_contributor_can_open_the_about_page_editor(contributor_client, site_tree):
    about = site_tree["pages"]["a-propos"]
    assert contributor_client.get(f"/admin/pages/{about.pk}/edit/").status_code == 200


def test_moderator_cannot_edit_pages(moderator_client, site_tree):
    about = site_tree["pages"]["a-propos"]
    response = moderator_client.get(f"/admin/pages/{about.pk}/edit/")
    assert response.status_code in (302, 403)
