"""The site settings that send readers elsewhere: https on accepted hosts, changes mailed."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from fabrique.accounts.roles import EDITORS
from fabrique.core.models import SiteSettings
from fabrique.core.site_settings import administrator_emails
from tests.team import member

pytestmark = pytest.mark.django_db

DEMO_DONATION = "https://www.helloasso.com/associations/la-fabrique-des-soignants"


@pytest.fixture
def editor(site_tree):
    """Named: the settings' history shows who changed what."""
    return member(EDITORS, "camille", first_name="Camille", last_name="Durand")


@pytest.fixture
def superuser(site_tree, django_user_model):
    return django_user_model.objects.create_superuser("root", "admin@example.org", "x")


@pytest.fixture
def url(default_site):
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", default_site.pk])


def form_data(default_site, **changes) -> dict:
    current = SiteSettings.for_site(default_site)
    data = {
        "tagline": current.tagline,
        "contact_email": current.contact_email,
        "donate_page": current.donate_page_id or "",
        "donation_url": current.donation_url,
        "twitch_url": current.twitch_url,
        "youtube_url": current.youtube_url,
        "instagram_url": current.instagram_url,
        "linkedin_url": current.linkedin_url,
    }
    data.update(changes)
    return data


def errors_of(response, name: str) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(f'[id$="-{name}-errors"]'))


def test_an_editors_change_is_mailed_to_the_administrators(
    editor_client, url, default_site, superuser, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = []
    new = "https://www.helloasso.com/associations/la-fabrique-des-soignants/formulaires/1"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, form_data(default_site, donation_url=new, tagline="Le média du soin")
        )
    assert response.status_code == 302
    assert SiteSettings.for_site(default_site).donation_url == new
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin@example.org"]
    assert "Camille Durand" in message.subject
    body = message.body
    assert "Camille Durand <camille@example.org> a modifié les réglages du site" in body
    assert f"- lien de paiement des dons\n  avant : {DEMO_DONATION}\n  après : {new}" in body
    assert (
        "- slogan\n  avant : Le média pour refaçonner le soin\n  après : Le média du soin" in body
    )
    # Only what changed.
    assert "YouTube" not in body


def test_admins_setting_is_preferred_and_no_change_sends_nothing(
    editor_client, url, default_site, superuser, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Sécurité", "securite@example.org")]
    assert administrator_emails() == ["securite@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, form_data(default_site))
    assert response.status_code == 302
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, form_data(default_site, contact_email="bonjour@example.org"))
    assert [m.to for m in mail.outbox] == [["securite@example.org"]]
    assert "avant : contact@example.org\n  après : bonjour@example.org" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "http://www.helloasso.com/associations/la-fabrique-des-soignants",
            "Le lien doit commencer par « https:// »",
        ),
        (
            "https://dons.example.org/la-fabrique-des-soignants",
            "Le site « dons.example.org » n'est pas dans la liste des prestataires de paiement",
        ),
        (
            "https://www.helloasso.com.example.net/faux",
            "n'est pas dans la liste des prestataires de paiement",
        ),
        ("https://x@evil.example/", "ne doit pas contenir d'identifiant"),
    ],
)
def test_a_donation_link_off_the_list_or_in_plain_http_is_refused(
    editor_client, url, default_site, value, message
):
    response = editor_client.post(url, form_data(default_site, donation_url=value))
    assert response.status_code == 200
    assert message in errors_of(response, "donation_url")
    # The text stays in the form; nothing is stored, nothing is mailed.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('input[name="donation_url"]')["value"] == value
    assert SiteSettings.for_site(default_site).donation_url == DEMO_DONATION
    assert mail.outbox == []


def test_the_sites_own_host_and_a_listed_host_are_accepted(
    editor_client, url, default_site, settings
):
    settings.FABRIQUE_DONATION_HOSTS = ["dons.example.org"]
    default_site.hostname = "www.fabrique-des-soignants.example"
    default_site.save()
    for value in (
        "https://dons.example.org/fabrique",
        "https://www.fabrique-des-soignants.example/faire-un-don/",
    ):
        response = editor_client.post(url, form_data(default_site, donation_url=value))
        assert response.status_code == 302, errors_of(response, "donation_url")
        assert SiteSettings.for_site(default_site).donation_url == value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("youtube_url", "http://www.youtube.com/@fabrique", "« https:// »"),
        ("instagram_url", "https://instagram.example.net/fabrique", "Instagram doit mener"),
        ("linkedin_url", "https://www.linkedin.com.evil.example/x", "LinkedIn doit mener"),
    ],
)
def test_social_links_are_https_on_their_network(
    editor_client, url, default_site, field, value, message
):
    response = editor_client.post(url, form_data(default_site, **{field: value}))
    assert response.status_code == 200
    assert message in errors_of(response, field)
