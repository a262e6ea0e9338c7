"""Moderation: actions record who and when; groups see what they should."""

import pytest
from django.test import Client

from fabrique.moderation.actions import mark_for_review, publish, refuse
from fabrique.moderation.models import ModerationStatus
from testimonies import demo
from testimonies.factories import TestimonyContactFactory, TestimonyFactory
from testimonies.models import Testimony

ADMIN_LIST = "/admin/snippets/testimonies/testimony/"


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
            "published_text": "Un texte relu par la modération.",
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
    assert "passages à vérifier repérés automatiquement" in page
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


def test_a_publication_rolled_back_tells_nobody(
    site_tree, mailoutbox, django_capture_on_commit_callbacks
):
    """The author hears only of a publication that was committed."""
    from django.db import transaction

    contact = TestimonyContactFactory(email="autrice@example.org")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        publish(contact.testimony)
        raise RuntimeError("the moderator's request failed after the action")
    assert callbacks == []
    assert mailoutbox == []
    contact.testimony.refresh_from_db()
    assert contact.testimony.status == ModerationStatus.PENDING


def test_dashboard_panel_lists_waiting_stories_for_moderators_only(moderator, editor):
    TestimonyFactory(title="Une histoire qui attend")
    client = Client()
    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Témoignages à modérer" in dashboard
    assert "Une histoire qui attend" in dashboard
    client.force_login(editor)
    assert "Une histoire qui attend" not in client.get("/admin/").content.decode()


def _traces_of(testimony) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from testimonies.models import TestimonyContact

    testimony_type = ContentType.objects.get_for_model(Testimony)
    return {
        "testimony": Testimony.objects.filter(pk=testimony.pk).count(),
        "contact": TestimonyContact.objects.filter(testimony_id=testimony.pk).count(),
        "log": ModelLogEntry.objects.filter(
            content_type=testimony_type, object_id=str(testimony.pk)
        ).count(),
        "titled_log": ModelLogEntry.objects.filter(label__contains=testimony.title).count(),
    }


GONE = {"testimony": 0, "contact": 0, "log": 0, "titled_log": 0}


def test_admin_delete_erases_like_a_withdrawal(moderator):
    from wagtail.log_actions import log

    contact = TestimonyContactFactory(testimony=TestimonyFactory(title="Supprimée par la modo"))
    testimony = contact.testimony
    log(instance=testimony, action="wagtail.edit")
    client = Client()
    client.force_login(moderator)
    number = testimony.pk
    response = client.post(f"{ADMIN_LIST}delete/{testimony.pk}/", follow=True)
    assert response.redirect_chain and response.redirect_chain[0][1] == 302
    # The confirmation names the story by its number, never by its title, nor "None".
    message = " ".join(str(m) for m in response.context["messages"])
    assert f"Témoignage n°{number} effacé(e)" in message
    assert "None" not in message and "Supprimée par la modo" not in message
    assert _traces_of(testimony) == GONE
    site_history = client.get("/admin/reports/site-history/").content.decode()
    assert "Supprimée par la modo" not in site_history


def test_admin_bulk_delete_erases_like_a_withdrawal(moderator):
    from wagtail.log_actions import log

    first, second = (TestimonyContactFactory().testimony for _ in range(2))
    for testimony in (first, second):
        log(instance=testimony, action="wagtail.edit")
    kept = TestimonyContactFactory().testimony
    client = Client()
    client.force_login(moderator)
    url = f"/admin/bulk/testimonies/testimony/delete/?id={first.pk}&id={second.pk}"
    assert client.post(url).status_code == 302
    assert _traces_of(first) == GONE
    assert _traces_of(second) == GONE
    assert _traces_of(kept)["contact"] == 1


# One path for a status change, with an audit trail (issue 24).


def _entries(testimony):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Testimony),
            object_id=str(testimony.pk),
        ).order_by("timestamp", "pk")
    )


def test_saving_a_new_status_directly_changes_nothing_else(
    site_tree, mailoutbox, django_capture_on_commit_callbacks
):
    contact = TestimonyContactFactory(email="autrice@example.org")
    testimony = contact.testimony
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        testimony.status = ModerationStatus.PUBLISHED
        testimony.save()
    testimony.refresh_from_db()
    assert testimony.status == ModerationStatus.PUBLISHED
    assert testimony.published_at is None
    assert testimony.status_changed_at is None
    assert callbacks == []
    assert mailoutbox == []
    assert _entries(testimony) == []


@pytest.mark.parametrize(
    ("action", "args", "name", "label"),
    [
        (publish, (), "moderation.published", "Publié"),
        (refuse, ("Trop identifiant",), "moderation.refused", "Refusé"),
        (mark_for_review, (), "moderation.review", "Mis à revoir"),
    ],
)
def test_each_action_leaves_one_entry_without_the_story(moderator, action, args, name, label):
    from wagtail.log_actions import registry

    testimony = TestimonyFactory(title="Titre très personnel", story="Récit très personnel")
    action(testimony, moderator, *args)
    [entry] = _entries(testimony)
    assert entry.action == name
    assert str(registry.get_action_label(name)) == label
    assert entry.user_id == moderator.pk
    assert entry.label == f"Témoignage n°{testimony.pk}"
    stored = f"{entry.label} {entry.data}"
    for text in ("Titre très personnel", "Récit très personnel", "Trop identifiant"):
        assert text not in stored


def test_log_redaction_names_the_fields_only(moderator):
    from wagtail.log_actions import registry

    from fabrique.moderation.actions import log_redaction

    testimony = TestimonyFactory(title="Un titre à caviarder")
    log_redaction(testimony, moderator, ["published_text", "title"])
    [entry] = _entries(testimony)
    assert entry.action == "moderation.redacted"
    assert entry.data == {"fields": ["published_text", "title"]}
    assert "Un titre" not in entry.label
    message = str(registry.get_formatter(entry).format_message(entry))
    assert message == "Caviardé : texte publié, titre"


def _edit_post(testimony, **overrides):
    data = {
        "title": testimony.title,
        "pseudonym": "",
        "role": "patient",
        "department": "",
        "published_text": "Texte relu",
        "quote": "",
        "status": testimony.status,
        "refusal_reason": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("status", "reason", "name"),
    [
        ("published", "", "moderation.published"),
        ("refused", "Nom d'un médecin", "moderation.refused"),
        ("needs_review", "", "moderation.review"),
    ],
)
def test_admin_form_applies_the_chosen_status_through_its_action(moderator, status, reason, name):
    testimony = TestimonyFactory(title="Décision dans l'admin")
    client = Client()
    client.force_login(moderator)
    response = client.post(
        f"{ADMIN_LIST}edit/{testimony.pk}/",
        # "J'ai relu ces passages": this test is about the action, not detection.
        _edit_post(testimony, status=status, refusal_reason=reason, details_reviewed="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    testimony.refresh_from_db()
    assert testimony.status == status
    assert testimony.status_changed_by == moderator
    assert testimony.refusal_reason == reason
    actions = [entry.action for entry in _entries(testimony)]
    assert actions.count(name) == 1
    assert all("Décision" not in entry.label for entry in _entries(testimony))


def test_admin_form_without_a_new_status_logs_no_decision(moderator):
    testimony = TestimonyFactory(title="Simple relecture")
    client = Client()
    client.force_login(moderator)
    response = client.post(f"{ADMIN_LIST}edit/{testimony.pk}/", _edit_post(testimony))
    assert response.status_code == 302
    testimony.refresh_from_db()
    assert testimony.published_text == "Texte relu"
    assert testimony.status_changed_at is None
    assert [entry.action for entry in _entries(testimony)] == ["wagtail.edit"]
    assert _entries(testimony)[0].label == f"Témoignage n°{testimony.pk}"


def test_admin_form_offers_only_statuses_an_action_sets(moderator):
    testimony = TestimonyFactory()
    client = Client()
    client.force_login(moderator)
    page = client.get(f"{ADMIN_LIST}edit/{testimony.pk}/").content.decode()
    assert 'value="published"' in page
    assert 'value="withdrawn"' not in page
    response = client.post(
        f"{ADMIN_LIST}edit/{testimony.pk}/", _edit_post(testimony, status="withdrawn")
    )
    assert response.status_code == 200
    testimony.refresh_from_db()
    assert testimony.status == ModerationStatus.PENDING


def test_bulk_publish_leaves_one_entry_per_story(moderator):
    first, second = TestimonyFactory(), TestimonyFactory()
    client = Client()
    client.force_login(moderator)
    client.post(
        f"/admin/bulk/testimonies/testimony/publish_testimonies/?id={first.pk}&id={second.pk}"
    )
    for testimony in (first, second):
        entries = _entries(testimony)
        assert [entry.action for entry in entries] == ["moderation.published"]
        assert entries[0].user_id == moderator.pk


def test_history_tab_shows_the_decisions_to_moderators(moderator):
    testimony = TestimonyFactory()
    refuse(testimony, moderator, "Motif interne")
    publish(testimony, moderator)
    client = Client()
    client.force_login(moderator)
    page = client.get(f"{ADMIN_LIST}history/{testimony.pk}/").content.decode()
    assert "Refusé" in page
    assert "Publié" in page
    assert "Motif interne" not in page


def test_export_lists_decisions_without_the_moderator_and_erasure_removes_them(moderator, capsys):
    import json

    from django.core.management import call_command

    contact = TestimonyContactFactory(email="lou@example.org")
    testimony = contact.testimony
    mark_for_review(testimony, moderator)
    publish(testimony, moderator)
    call_command("testimony_data", "--email", "lou@example.org", "--export")
    out = capsys.readouterr().out
    history = json.loads(out)["testimonies"][0]["moderation_history"]
    assert [(item["action"], item["label"]) for item in history] == [
        ("moderation.review", "Mis à revoir"),
        ("moderation.published", "Publié"),
    ]
    assert all(item["timestamp"] for item in history)
    assert "modo" not in out
    call_command("testimony_data", "--email", "lou@example.org", "--erase")
    assert _entries(testimony) == []


def test_migration_takes_titles_out_of_existing_log_entries(site_tree):
    """Entries written before the actions (label = title) and the "wagtail.delete" entry
    of a story deleted in the admin keep no title once the migration has run."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    migration = importlib.import_module("testimonies.migrations.0004_log_entries_without_titles")
    kept = TestimonyFactory(title="Titre gardé en base")
    deleted = TestimonyFactory(title="Titre d'une histoire supprimée")
    log(instance=kept, action="wagtail.edit")
    log(instance=deleted, action="wagtail.delete")
    deleted.delete()
    testimony_type = ContentType.objects.get_for_model(Testimony)
    assert ModelLogEntry.objects.filter(label__startswith="Titre").count() == 2

    migration.relabel(apps, None)

    assert not ModelLogEntry.objects.filter(label__startswith="Titre").exists()
    [entry] = ModelLogEntry.objects.filter(content_type=testimony_type)
    assert (entry.object_id, entry.label) == (str(kept.pk), f"Témoignage n°{kept.pk}")


def test_erasure_is_recorded_then_removed_with_the_rest(moderator):
    from django.db.models.signals import post_save
    from wagtail.models import ModelLogEntry

    from fabrique.moderation.actions import erase

    testimony = TestimonyContactFactory().testimony
    label = f"Témoignage n°{testimony.pk}"
    written = []

    def remember(sender, instance, created, **kwargs):
        written.append((instance.action, instance.label, instance.user_id))

    post_save.connect(remember, sender=ModelLogEntry)
    try:
        assert erase([testimony], moderator) == 1
    finally:
        post_save.disconnect(remember, sender=ModelLogEntry)
    assert written == [("moderation.erased", label, moderator.pk)]
    assert not ModelLogEntry.objects.filter(label=label).exists()
    assert not Testimony.objects.filter(title=testimony.title).exists()
