"""An address typed in a public form may be a stranger's: it hears nothing but a request to
confirm it, at most a few messages a day whatever the form, and the sender's page is the
same whatever happens."""

import re

import pytest
from django.core import mail
from django.test import Client

from contributions.models import CallAnswer
from fabrique.moderation.actions import decide
from fabrique.moderation.models import ModerationStatus
from fabrique.submissions.mail import normalise_address
from testimonies.models import TestimonyContact
from tests.a11y import assert_accessible
from tests.testimonies import conftest as testimony_form

from .conftest import confirmation_path, form_tokens, valid_data

VICTIM = "victime@example.org"
LIST_URL = "/admin/snippets/contributions/callanswer/"


def to_victim() -> list:
    return [m for m in mail.outbox if [normalise_address(a) for a in m.to] == [VICTIM]]


def post_answer(client, call, email=VICTIM, **overrides):
    """The call's form as a browser sends it: GET (CSRF cookie, start token), then POST,
    then the thank-you page the redirect leads to."""
    data = {**form_tokens(client, call.url), **valid_data(email=email, **overrides)}
    response = client.post(call.url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response, client.get(response["Location"])


def post_testimony(client, email=VICTIM):
    data = {**testimony_form.csrf_and_start(client), **testimony_form.valid_data(email=email)}
    response = client.post(testimony_form.FORM_URL, data)
    assert response.status_code == 302
    return response, client.get(response["Location"])


def without_follow_link(thanks) -> str:
    """The thank-you page with the one thing that must differ (each sending's own private
    link, and the CSRF token of the page) blanked."""
    html = thanks.content.decode()
    html = re.sub(r"/suivi/[0-9a-f]+/[-\w]+/", "/suivi/LINK/", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_strangers_address_hears_only_the_confirmation_request(
    site_tree, open_call, moderator, moderator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(Client(enforce_csrf_checks=True), open_call, contact_name="Quelqu'un")
    (message,) = to_victim()
    assert "Confirmez" in message.subject
    assert confirmation_path(message)
    body = message.subject + message.body
    # Nothing of the answer, not its private follow link.
    assert "/suivi/" not in body
    for said in ("Trois Rivières", "Quelqu'un", "consultations avancées", open_call.title):
        assert said not in body
    answer = CallAnswer.objects.get()
    assert answer.email_confirmed_at is None

    # The team moderates it as usual, and sees that the address is unconfirmed...
    page = moderator_client.get(f"{LIST_URL}edit/{answer.pk}/").content.decode()
    assert "Adresse e-mail non confirmée" in page
    # ...but no decision writes to an address nobody confirmed.
    for status in (ModerationStatus.NEEDS_REVIEW, ModerationStatus.SELECTED):
        with django_capture_on_commit_callbacks(execute=True):
            decide(answer, status, moderator)
    answer.refresh_from_db()
    assert answer.status == ModerationStatus.SELECTED
    assert len(to_victim()) == 1


def test_after_confirming_the_received_and_status_messages_go_out(
    site_tree, open_call, moderator, moderator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(Client(enforce_csrf_checks=True), open_call)
    link = confirmation_path(to_victim()[0])
    # A link checker's HEAD confirms nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().head(link).status_code == 200
    assert CallAnswer.objects.get().email_confirmed_at is None and len(to_victim()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        page = Client().get(link)
    assert page.status_code == 200
    assert "Adresse confirmée" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert_accessible(page)
    answer = CallAnswer.objects.get()
    assert answer.email_confirmed_at is not None
    received = to_victim()[-1]
    assert "reçue" in received.subject
    follow = re.search(r"http://testserver(/appels-a-contributions/\S+/suivi/\S+/)", received.body)
    assert follow and Client().get(follow.group(1)).status_code == 200

    # Opening the link again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().get(link).status_code == 200
    assert len(to_victim()) == 2
    edit = moderator_client.get(f"{LIST_URL}edit/{answer.pk}/").content.decode()
    assert "Adresse e-mail confirmée le" in edit

    with django_capture_on_commit_callbacks(execute=True):
        decide(answer, ModerationStatus.SELECTED, moderator)
    assert to_victim()[-1].subject.endswith(": retenue")
    assert len(to_victim()) == 3


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link[:-3] + "xx/",
        lambda link: re.sub(r"/confirmer/[-\w]+/", "/confirmer/abc/", link),
    ],
)
def test_a_forged_confirmation_link_confirms_nothing(
    site_tree, open_call, django_capture_on_commit_callbacks, tamper
):
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(Client(enforce_csrf_checks=True), open_call)
    link = confirmation_path(to_victim()[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().get(tamper(link))
    assert response.status_code == 404
    assert "Lien de confirmation non valable" in response.content.decode()
    assert CallAnswer.objects.get().email_confirmed_at is None
    assert len(to_victim()) == 1


def test_a_confirmation_link_works_on_its_own_call_only(
    site_tree, open_call, calls_index, django_capture_on_commit_callbacks
):
    from .conftest import make_call

    other = make_call(calls_index, title="Autre appel", slug="autre-appel")
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(Client(enforce_csrf_checks=True), open_call)
    link = confirmation_path(to_victim()[0])
    moved = link.replace(open_call.url, other.url)
    assert moved != link
    assert Client().get(moved).status_code == 404
    assert CallAnswer.objects.get().email_confirmed_at is None


def test_at_most_a_few_messages_a_day_to_one_address_whatever_the_form(
    settings, site_tree, open_call, django_capture_on_commit_callbacks
):
    settings.FABRIQUE_MAILS_PER_ADDRESS_PER_DAY = 3
    # The same mailbox, spelt as a stranger might type it.
    spellings = [VICTIM, "Victime@Example.org", "VICTIME@EXAMPLE.ORG", "victime@example.org "]
    answers, testimonies = [], []
    for number, spelling in enumerate(spellings):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(
                post_answer(
                    Client(enforce_csrf_checks=True),
                    open_call,
                    email=spelling,
                    organisation=f"Structure {number}",
                )
            )
        with django_capture_on_commit_callbacks(execute=True):
            testimonies.append(post_testimony(Client(enforce_csrf_checks=True), email=spelling))
    assert CallAnswer.objects.count() == 4 and TestimonyContact.objects.count() == 4
    # Eight sendings, every one moderated as usual; three messages, all confirmation requests.
    sent = to_victim()
    assert len(sent) == 3
    assert all("Confirmez" in m.subject and "/suivi/" not in m.body for m in sent)

    # The sender cannot tell: the redirect and the thank-you page are the same whether a
    # message left or not.
    for responses in (answers, testimonies):
        first_redirect, first_thanks = responses[0]
        for redirect, thanks in responses[1:]:
            assert redirect["Location"] == first_redirect["Location"]
            assert thanks.status_code == first_thanks.status_code == 200
            assert without_follow_link(thanks) == without_follow_link(first_thanks)


def test_the_cap_also_holds_back_the_acknowledgement_but_not_the_teams_decisions(
    settings, site_tree, open_call, moderator, django_capture_on_commit_callbacks
):
    """A confirmed contact past the day's cap still hears the team's decisions: those go to
    an address its owner confirmed, and only the team causes them."""
    settings.FABRIQUE_MAILS_PER_ADDRESS_PER_DAY = 2
    for number in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            post_answer(Client(enforce_csrf_checks=True), open_call, organisation=f"S{number}")
    links = [confirmation_path(m) for m in to_victim()]
    assert len(links) == 2
    with django_capture_on_commit_callbacks(execute=True):
        Client().get(links[0])
    # Confirmed, but the two requests used the day's two messages: no acknowledgement today.
    assert len(to_victim()) == 2
    answer = CallAnswer.objects.filter(email_confirmed_at__isnull=False).get()
    with django_capture_on_commit_callbacks(execute=True):
        decide(answer, ModerationStatus.SELECTED, moderator)
    assert len(to_victim()) == 3 and to_victim()[-1].subject.endswith(": retenue")


@pytest.mark.parametrize(
    "spelling",
    [
        "Victime@Example.ORG",
        " victime@example.org\t",
        "ｖｉｃｔｉｍｅ@example.org",
        "victime\u200b@example.org",
    ],
)
def test_every_spelling_of_one_mailbox_is_counted_together(spelling):
    assert normalise_address(spelling) == VICTIM
