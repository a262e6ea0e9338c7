"""The public form: storing apart, French errors keeping the text, anti-spam, withdrawal."""

import pytest
from django.core import mail
from django.test import Client

from testimonies.models import Testimony, TestimonyContact
from tests.a11y import assert_accessible
from tests.html import plain

from .conftest import FORM_URL, csrf_and_start, follow_path, valid_data

THANKS_URL = "/vos-histoires/merci/"

pytestmark = pytest.mark.django_db(transaction=False)


def test_form_page_is_accessible_and_shows_crisis_numbers(csrf_client):
    response = csrf_client.get(FORM_URL)
    assert response.status_code == 200
    assert_accessible(response)
    html = response.content.decode()
    for number in ("15", "112", "3114"):
        assert f"<strong>{number}</strong>" in html
    assert 'name="consent_publication"' in html and 'name="consent_health_data"' in html
    assert "checked" not in html
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_valid_submission_stores_testimony_and_contact_apart(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit()
    assert response.status_code == 302
    testimony = Testimony.objects.get()
    assert testimony.status == "pending"
    assert testimony.story.startswith("Trois mois")
    contact = TestimonyContact.objects.get(testimony=testimony)
    assert contact.email == "lou@example.org"
    assert contact.consent_publication_at and contact.consent_health_data_at
    assert contact.consent_publication_version and contact.withdrawal_token
    field_names = {f.name for f in Testimony._meta.get_fields()}
    assert "email" not in field_names
    assert not {"ip", "ip_address", "user_agent"} & field_names
    assert response["Location"] == THANKS_URL


def test_confirmation_shows_private_follow_link_and_withdrawal_erases(submit, csrf_client):
    response = submit()
    thanks = csrf_client.get(response["Location"])
    assert thanks.status_code == 200
    assert_accessible(thanks)
    html = thanks.content.decode()
    follow_url = follow_path(html)
    assert follow_url.startswith("/vos-histoires/suivi/")
    page = csrf_client.get(follow_url)
    assert page.status_code == 200
    assert "en attente" in page.content.decode()
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert csrf_client.post(follow_url, {"action": "withdraw"}).status_code == 403
    done = csrf_client.post(follow_url, {"action": "withdraw", "csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert not Testimony.objects.exists()
    assert not TestimonyContact.objects.exists()
    assert csrf_client.get(follow_url).status_code == 404


def test_forged_follow_token_is_refused(site_tree):
    assert Client().get("/vos-histoires/suivi/abcdef/forged/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message", "kept"),
    [
        ({"story": ""}, "Écrivez votre histoire", "Une longue attente"),
        ({"story": "x" * 10_001}, "dépasse 10000 caractères", "x" * 100),
        ({"consent_publication": ""}, "pour que nous puissions publier", "Trois mois"),
        ({"consent_health_data": ""}, "votre témoignage peut parler de santé", "Trois mois"),
        ({"email": "pas-une-adresse"}, "adresse e-mail valide", "pas-une-adresse"),
        ({"story": "Bonjour\x07 à tous"}, "caractères de contrôle", "Une longue attente"),
        ({"title": "Titre\x00nul"}, "Le formulaire n", "Trois mois"),
    ],
)
def test_bad_input_shows_french_error_and_keeps_text(submit, overrides, message, kept):
    response = submit(**overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert kept in html
    assert "error-summary" in html
    assert not Testimony.objects.exists()
    assert_accessible(response)


def test_honeypot_gives_generic_answer_and_stores_nothing(submit, csrf_client):
    response = submit(website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    html = csrf_client.get(THANKS_URL).content.decode()
    assert "Merci pour votre témoignage" in html
    assert "/suivi/" not in html
    assert not Testimony.objects.exists()


def test_time_trap(settings, csrf_client):
    settings.FABRIQUE_FORM_MIN_SECONDS = 60
    data = {**csrf_and_start(csrf_client), **valid_data()}
    response = csrf_client.post(FORM_URL, data)
    assert response.status_code == 200
    assert "envoyé trop vite" in response.content.decode()
    assert "Trois mois" in response.content.decode()
    assert not Testimony.objects.exists()


def test_time_trap_passes_once_enough_time_has_gone(settings, csrf_client, monkeypatch):
    settings.FABRIQUE_FORM_MIN_SECONDS = 5
    data = {**csrf_and_start(csrf_client), **valid_data()}
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    assert csrf_client.post(FORM_URL, data).status_code == 302
    stored = Testimony.objects.get()
    assert stored.title == "Une longue attente"
    assert stored.story.startswith("Trois mois pour un rendez-vous.")


def test_rate_limit(settings, submit):
    settings.FABRIQUE_SUBMISSION_RATE = "2/h"
    assert submit(title="Un").status_code == 302
    assert submit(title="Deux").status_code == 302
    response = submit(title="Trois")
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert "Trois mois" in response.content.decode()
    assert Testimony.objects.count() == 2


def test_correcting_errors_never_uses_up_the_rate_limit(settings, submit):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    for _ in range(3):
        response = submit(story="")
        assert response.status_code == 200
        assert "Écrivez votre histoire" in response.content.decode()
    assert submit(title="Enfin complet").status_code == 302
    assert submit(title="Un second").status_code == 429


def test_rate_limit_uses_configured_header(settings, site_tree):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    settings.FABRIQUE_CLIENT_IP_HEADER = "X-Forwarded-For"
    for n, ip in enumerate(["10.0.0.1", "10.0.0.2"]):
        client = Client()
        data = {**valid_data(title=f"T{n}"), "started": ""}
        response = client.post(FORM_URL, data, HTTP_X_FORWARDED_FOR=ip)
        assert response.status_code == 302
    response = Client().post(FORM_URL, valid_data(title="T3"), HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert response.status_code == 429


def test_moderators_are_emailed_on_submission(
    submit, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    (notice,) = [m for m in mail.outbox if m.to == ["modo@example.org"]]
    assert "Trois mois" not in notice.body and "Une longue attente" not in notice.body
    assert "http://testserver/admin/snippets/testimonies/testimony/" in notice.body


def test_field_error_is_announced_with_its_field(submit):
    html = submit(story="").content.decode()
    assert 'id="id_story_error"' in html
    assert 'aria-describedby="id_story_error id_story_helptext"' in html
    assert 'aria-invalid="true"' in html


def test_withdrawal_leaves_no_trace_in_the_admin_log(submit, csrf_client):
    """The admin's history names the story by its title: withdrawal erases it too."""
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    response = submit()
    testimony = Testimony.objects.get()
    log(testimony, "wagtail.edit")
    assert ModelLogEntry.objects.filter(object_id=str(testimony.pk)).exists()
    follow_url = follow_path(csrf_client.get(response["Location"]).content.decode())
    page = csrf_client.get(follow_url).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    csrf_client.post(follow_url, {"action": "withdraw", "csrfmiddlewaretoken": token})
    assert not Testimony.objects.exists()
    assert not ModelLogEntry.objects.filter(object_id=str(testimony.pk)).exists()


@pytest.mark.parametrize("length", [255, 300, 320])
def test_email_longer_than_the_column_gets_a_french_message_and_keeps_the_text(submit, length):
    """254 is the column's size: 255 to 320 characters answered 500 on PostgreSQL."""
    email = "a" * (length - len("@example.org")) + "@example.org"
    response = submit(email=email)
    assert response.status_code == 200
    html = response.content.decode()
    assert "dépasse 254 caractères" in html
    assert 'id="id_email_error"' in html
    assert "Trois mois pour un rendez-vous." in html
    assert not Testimony.objects.exists()
    assert_accessible(response)


def test_email_of_254_characters_is_stored(submit):
    email = "a" * (254 - len("@example.org")) + "@example.org"
    assert submit(email=email).status_code == 302
    assert TestimonyContact.objects.get().email == email


@pytest.mark.parametrize(
    ("typed", "stored"),
    # Fullwidth digits (a Japanese or Chinese keyboard) are the same digits once
    # normalised; Arabic-Indic digits are other characters and stay refused.
    [("2a", "2A"), ("2B", "2B"), (" 33 ", "33"), ("３３", "33"), ("２Ａ", "2A")],
)
def test_department_case_is_normalised(submit, typed, stored):
    assert submit(department=typed).status_code == 302
    assert Testimony.objects.get().department == stored


@pytest.mark.parametrize("typed", ["20", "3٣", "٣٣", "00", "96", "2C", "977"])
def test_department_refuses_unknown_numbers_and_non_ascii_digits(submit, typed):
    response = submit(department=typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez un numéro de département" in html
    assert 'id="id_department_error"' in html
    assert "Trois mois pour un rendez-vous." in html
    assert not Testimony.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_form_answers_405_to_other_methods(site_tree, method):
    response = getattr(Client(), method)(FORM_URL, data="title=x")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert not Testimony.objects.exists()


def test_form_answers_head_like_get(site_tree):
    assert Client().head(FORM_URL).status_code == 200


def test_identifying_inputs_are_not_remembered_by_the_browser(csrf_client):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(csrf_client.get(FORM_URL).content, "html.parser")
    for name in ("pseudonym", "email", "department"):
        assert soup.find(attrs={"name": name})["autocomplete"] == "off", name


# --- No private link left behind (issue 26) ----------------------------------------------


def test_private_link_is_shown_once_on_a_page_without_token(submit, csrf_client):
    response = submit()
    assert response["Location"] == THANKS_URL
    assert csrf_client.head(THANKS_URL).status_code == 200  # a prefetch uses nothing up
    thanks = csrf_client.get(THANKS_URL)
    assert_accessible(thanks)
    follow_url = follow_path(thanks.content.decode())
    assert csrf_client.get(follow_url).status_code == 200
    assert csrf_client.session.get_expiry_age() <= 3600
    again = csrf_client.get(THANKS_URL).content.decode()
    assert "/suivi/" not in again
    assert "n'est affiché qu'une seule fois" in again
    # The old thank-you address carried the token: it no longer exists.
    value, signature = follow_url.strip("/").split("/")[-2:]
    assert csrf_client.get(f"/vos-histoires/merci/{value}/{signature}/").status_code == 404


def test_private_link_can_be_copied_and_selected_without_javascript(submit, csrf_client):
    from bs4 import BeautifulSoup

    submit()
    soup = BeautifulSoup(csrf_client.get(THANKS_URL).content, "html.parser")
    field = soup.find("textarea", id="follow-link")
    assert field.has_attr("readonly")
    assert soup.find("label", attrs={"for": "follow-link"}).get_text(strip=True)
    button = soup.find("button", class_="copy-link__button")
    assert button.get_text(strip=True) == "Copier le lien"
    # Hidden until the script can copy: without JavaScript, no button that does nothing.
    assert button.has_attr("hidden") and button["type"] == "button"
    assert soup.find(attrs={"data-copy-link": True})["data-copied-message"] == "Lien copié."


def test_form_thanks_and_follow_pages_are_never_cached(submit, csrf_client):
    def cache_control(response) -> set[str]:
        return {part.strip() for part in response["Cache-Control"].split(",")}

    assert {"no-store", "private"} <= cache_control(csrf_client.get(FORM_URL))
    assert {"no-store", "private"} <= cache_control(submit(story=""))
    response = submit()
    assert {"no-store", "private"} <= cache_control(response)
    thanks = csrf_client.get(THANKS_URL)
    assert {"no-store", "private"} <= cache_control(thanks)
    follow = csrf_client.get(follow_path(thanks.content.decode()))
    assert {"no-store", "private"} <= cache_control(follow)


# --- One sending, one story (issue 16 item 4, issue 26) ------------------------------------


def test_same_sending_twice_stores_one_story_and_answers_the_same(csrf_client):
    data = {**csrf_and_start(csrf_client), **valid_data()}
    first = csrf_client.post(FORM_URL, data)
    first_link = follow_path(csrf_client.get(THANKS_URL).content.decode())
    second = csrf_client.post(FORM_URL, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == THANKS_URL
    # The duplicate's thank-you page is the first one, same private link included.
    assert follow_path(csrf_client.get(THANKS_URL).content.decode()) == first_link
    assert Testimony.objects.count() == 1
    assert TestimonyContact.objects.count() == 1


def test_same_text_from_another_browser_reveals_nothing(submit, csrf_client):
    """Someone who knows a story's title and text cannot learn it was sent, nor get its link."""
    submit()
    victim_link = follow_path(csrf_client.get(THANKS_URL).content.decode())
    other = Client(enforce_csrf_checks=True)
    response = other.post(FORM_URL, {**csrf_and_start(other), **valid_data(email="")})
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    other_link = follow_path(other.get(THANKS_URL).content.decode())
    assert other_link != victim_link
    assert Testimony.objects.count() == 2


def test_started_token_is_one_use(csrf_client):
    data = {**csrf_and_start(csrf_client), **valid_data()}
    assert csrf_client.post(FORM_URL, data).status_code == 302
    replay = csrf_client.post(FORM_URL, {**data, "title": "Un autre titre"})
    assert replay.status_code == 200
    html = replay.content.decode()
    assert "Ce formulaire a déjà été envoyé" in html
    assert "Un autre titre" in html and "Trois mois pour un rendez-vous." in html
    assert Testimony.objects.count() == 1
    # The answer carries a fresh token: sending again as asked works.
    fresh = csrf_and_start_from(html)
    assert fresh != data["started"]
    again = csrf_client.post(FORM_URL, {**data, "title": "Un autre titre", "started": fresh})
    assert again.status_code == 302
    assert Testimony.objects.count() == 2


def csrf_and_start_from(html: str) -> str:
    import re

    return re.search(r'name="started" value="([^"]*)"', html).group(1)


def test_started_token_expires_within_hours_and_the_text_is_kept(
    settings, csrf_client, monkeypatch
):
    import time

    settings.FABRIQUE_FORM_MIN_SECONDS = 4
    data = {**csrf_and_start(csrf_client), **valid_data()}
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 4 * 60 * 60)
    response = csrf_client.post(FORM_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ouvert depuis trop longtemps" in html
    assert "Trois mois pour un rendez-vous." in html
    assert not Testimony.objects.exists()
    assert csrf_and_start_from(html) != data["started"]


# --- A story over the request size limit (issue 16 item 9) --------------------------------

OVERSIZED = "testimonies.middleware.OversizedStoryMiddleware"


@pytest.fixture
def with_oversize_middleware(settings):
    """The project's own settings run it, before CSRF (which reads the body first)."""
    middleware = list(settings.MIDDLEWARE)
    assert middleware.index(OVERSIZED) < middleware.index(
        "django.middleware.csrf.CsrfViewMiddleware"
    )


def post_urlencoded(client, data):
    """As a browser sends this form (no enctype): the test client's default is multipart."""
    from urllib.parse import urlencode

    return client.post(FORM_URL, urlencode(data), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize(("letter", "count"), [("x", 3_000_000), ("é", 600_000)])
def test_story_over_the_size_limit_comes_back_cut_with_a_french_message(
    with_oversize_middleware, csrf_client, letter, count
):
    """2.5 MB is Django's limit; the browser gets the form and its text back, not a 400."""
    from bs4 import BeautifulSoup
    from django.conf import settings

    story = "Mon histoire commence ici. " + letter * count
    data = {**csrf_and_start(csrf_client), **valid_data(story=story)}
    response = post_urlencoded(csrf_client, data)
    assert response.status_code == 413
    html = response.content.decode()
    assert "dépassait la taille maximale acceptée (2,5 Mo)" in plain(html)
    kept = BeautifulSoup(html, "html.parser").find("textarea", attrs={"name": "story"}).get_text()
    assert kept.startswith("\nMon histoire commence ici. " + letter * 1000)
    assert set(kept.strip()[len("Mon histoire commence ici. ") :]) == {letter}
    # Cut at the limit (less the fields sent before the story), never beyond it.
    sent_size = len(kept.strip().replace("é", "%C3%A9").replace(" ", "+"))
    assert sent_size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 0.99
    assert sent_size <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert 'value="Une longue attente"' in html
    assert not Testimony.objects.exists()
    assert_accessible(response)


def test_story_over_the_size_limit_without_the_middleware_still_answers_in_french(site_tree):
    response = post_urlencoded(Client(), valid_data(story="x" * 3_000_000))
    assert response.status_code == 413
    assert "dépassait la taille maximale acceptée" in response.content.decode()
    assert not Testimony.objects.exists()


def test_stylesheets_keep_long_links_and_tick_boxes_phone_proof():
    """Stands in for the browser check (measured at 320 and 375 px: no horizontal scroll on
    the form or the thank-you page, tick boxes 24×24 centred on their label's first line)
    until the browser harness runs it: these rules are what made it hold."""
    import re
    from pathlib import Path

    from django.conf import settings

    def rules(name: str) -> dict[str, str]:
        css = (Path(settings.BASE_DIR) / "static" / "css" / name).read_text()
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        return {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)}

    site = rules("fabrique.css")
    on_body = [body for sel, body in site.items() if "body" in {s.strip() for s in sel.split(",")}]
    assert any("overflow-wrap: anywhere" in body for body in on_body)
    ticks = site['input[type="checkbox"], input[type="radio"]']
    assert "width: 1.5rem" in ticks and "height: 1.5rem" in ticks and "min-width: 24px" in ticks
    link_field = site[".copy-link--private .copy-link__field"]
    assert "width: 100%" in link_field and "overflow-wrap: anywhere" in link_field
