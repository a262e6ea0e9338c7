"""Moderation: actions record who and when; groups see what they should."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from fabrique.core.roles import EDITORS, MODERATORS
from fabrique.moderation.actions import publish, refuse
from fabrique.moderation.models import ModerationStatus
from testimonies import demo
from testimonies.factories import TestimonyContactFactory, TestimonyFactory
from testimonies.models import Testimony

ADMIN_LIST = "/admin/snippets/testimonies/testimony/"


@pytest.fixture
def moderator(site_tree, django_user_model):
    user = django_user_model.objects.create_user("modo", "modo@example.org", "x")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def editor(site_tree, django_user_model):
    user = django_user_model.objects.create_user("edit", "edit@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_publish_records_who_and_when(moderator):
    testimony = TestimonyFactory()
    publish(testimony, moderator)
    testimony.refresh_from_db()
    assert testimony.status == ModerationStatus.PUBLISHED
    assert testimony.status_changed_by == moderator
    assert testimony.status_changed_at is not None
    assert testimony.published_at is not None
    assert Testimony.objects.published().count() == 1
    assert Testimony.objects.pending().count() == 0


def test_refuse_records_who_when_and_reason(moderator):
    testimony = TestimonyFactory()
    refuse(testimony, moderator, "Nom d'un médecin cité")
    testimony.refresh_from_db()
    assert testimony.status == ModerationStatus.REFUSED
    assert testimony.status_changed_by == moderator
    assert testimony.status_changed_at is not None
    assert testimony.refusal_reason == "Nom d'un médecin cité"
    assert testimony.published_at is None
    assert list(Testimony.objects.refused()) == [testimony]


def test_moderators_reach_the_admin_listing(moderator):
    TestimonyFactory(title="À modérer")
    client = Client()
    client.force_login(moderator)
    response = client.get(ADMIN_LIST)
    assert response.status_code == 200
    assert "À modérer" in response.content.decode()
    assert "moignages (1)" in client.get("/admin/").content.decode()


def test_moderator_edit_form_shows_no_contact_data(moderator):
    contact = TestimonyContactFactory(email="cache@example.org")
    client = Client()
    client.force_login(moderator)
    response = client.get(f"{ADMIN_LIST}edit/{contact.testimony.pk}/")
    assert response.status_code == 200
    assert "cache@example.org" not in response.content.decode()


def test_status_change_in_admin_records_moderator(moderator):
    testimony = TestimonyFactory(title="Via l'admin")
    client = Client()
    client.force_login(moderator)
    response = client.post(
        f"{ADMIN_LIST}edit/{testimony.pk}/",
        {
            "title": "Via l'admin",
            "pseudonym": "",
            "role": "patient",
            "department": "",
            "published_text": "Texte relu",
            "quote": "",
            "status": "published",
            "refusal_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    testimony.refresh_from_db()
    assert testimony.status == "published"
    assert testimony.status_changed_by == moderator
    assert testimony.published_at is not None


def test_editors_cannot_see_testimonies_or_contacts(editor):
    contact = TestimonyContactFactory(
        email="cache@example.org", testimony=TestimonyFactory(title="Une histoire confidentielle")
    )
    client = Client()
    client.force_login(editor)
    response = client.get(ADMIN_LIST)
    assert response.status_code in (302, 403)
    assert client.get(f"{ADMIN_LIST}edit/{contact.testimony.pk}/").status_code in (302, 403)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Une histoire confidentielle" not in dashboard.content.decode()


def test_demo_seed_is_idempotent(site_tree):
    demo.seed(site_tree)
    demo.seed(site_tree)
    assert Testimony.objects.published().count() == 3
    assert Testimony.objects.pending().count() == 2
    quotes = set(Testimony.objects.published().values_list("quote", flat=True))
    assert "J'ai fait 600 km pour voir un cardiologue" in quotes
    html = Client().get("/vos-histoires/").content.decode()
    assert "Quelles sont vos origines" in html


def test_bulk_publish_records_moderator(moderator):
    first, second = TestimonyFactory(), TestimonyFactory()
    client = Client()
    client.force_login(moderator)
    url = (
        f"/admin/bulk/testimonies/testimony/publish_testimonies/?id={first.pk}&id={second.pk}"
        f"&next={ADMIN_LIST}"
    )
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert first.title in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    for testimony in (first, second):
        testimony.refresh_from_db()
        assert testimony.status == ModerationStatus.PUBLISHED
        assert testimony.status_changed_by == moderator


def test_moderator_sees_identifying_details_and_redacts_them_in_one_step(moderator):
    story = "J'ai vu le Dr Martin au CHU de Nantes.\nAppelez-moi au 06 12 34 56 78."
    testimony = TestimonyFactory(title="Avec des détails", story=story)
    client = Client()
    client.force_login(moderator)
    page = client.get(f"{ADMIN_LIST}edit/{testimony.pk}/").content.decode()
    assert "détails peut-être identifiants" in page
    assert '<mark class="pii"' in page

    response = client.post(
        f"{ADMIN_LIST}edit/{testimony.pk}/",
        {
            "title": "Avec des détails",
            "pseudonym": "",
            "role": "patient",
            "department": "",
            "redact_details": "on",
            "published_text": "",
            "quote": "",
            "status": "pending",
            "refusal_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    testimony.refresh_from_db()
    assert "06 12 34 56 78" not in testimony.published_text
    assert "Martin" not in testimony.published_text
    assert "[…]" in testimony.published_text
    # The original stays available to moderators, untouched.
    assert testimony.story == story


def test_author_is_told_once_when_the_story_is_published(
    site_tree, mailoutbox, django_capture_on_commit_callbacks
):
    from fabrique.moderation.actions import publish as publish_action

    contact = TestimonyContactFactory(email="autrice@example.org")
    testimony = contact.testimony
    with django_capture_on_commit_callbacks(execute=True):
        publish_action(testimony)
    to_author = [m for m in mailoutbox if m.to == ["autrice@example.org"]]
    assert len(to_author) == 1
    assert "est publié" in to_author[0].subject
    assert testimony.story not in to_author[0].body
    assert str(testimony.uuid) in to_author[0].body
    # Publishing again (e.g. after an edit) does not send a second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        publish_action(testimony)
    assert len([m for m in mailoutbox if m.to == ["autrice@example.org"]]) == 1


def test_dashboard_panel_lists_waiting_stories_for_moderators_only(moderator, editor):
    TestimonyFactory(title="Une histoire qui attend")
    client = Client()
    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Témoignages à modérer" in dashboard
    assert "Une histoire qui attend" in dashboard
    client.force_login(editor)
    assert "Une histoire qui attend" not in client.get("/admin/").content.decode()
