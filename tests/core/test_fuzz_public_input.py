"""Property-based fuzz of everything a stranger can send: no 5xx, nothing stored half-way.

Hypothesis builds hostile values (format characters, fullwidth forms, 5,000-digit
numbers, NUL and other controls, lone surrogates and invalid UTF-8, quotes and markup,
formula starts) and sends them through the Django test client to the real routes:

- every query parameter a public page reads (``PARAMETERS``; a test below reads the
  source for ``request.GET`` so a new parameter fails here until it is listed), with the
  values percent-encoded as a browser or a robot would send them;
- every route of every routable page, with hostile path segments (``ROUTES``, kept whole
  by the same kind of test);
- every form a stranger can post: the testimony form and the answer to a call (real
  fields, a valid start token, raw bytes in urlencoded and multipart bodies, attachments
  with hostile names), the admin's login and password reset, the passwords of private
  pages and documents, the withdrawal links.

The property: the answer is 2xx, 3xx or 4xx, never 5xx (a 503 would be a database error
in disguise); a refused form stores nothing, an accepted one stores one whole row. What
the forms do with the text (kept, normalised, refused) is theirs to decide: only "whole
or nothing" is asserted, plus what a feed could not carry (control characters) never
being stored.

The site is built once for the module, inside a transaction rolled back at its end; each
example runs in a savepoint rolled back after it, so examples never see each other's rows.
The examples are derandomised and no example database is kept, so every run, here and in
CI, sends the same requests.
"""

import collections
import functools
import re
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.factories import ArticlePageFactory, RubricFactory
from contributions.factories import CallAnswerFactory, InspirActionIndexPageFactory
from contributions.models import AnswerAttachment, CallAnswer
from dossiers.factories import DossierPageFactory
from events.factories import EventPageFactory
from fabrique.core.factories import PersonFactory
from fabrique.core.xml_text import ILLEGAL_CHARACTERS
from fabrique.demo.site import publish, seed_site
from fabrique.moderation.actions import publish as publish_submission
from podcasts.factories import EpisodePageFactory, PodcastShowPageFactory
from testimonies.factories import TestimonyContactFactory, TestimonyFactory
from testimonies.models import Role, Testimony, TestimonyContact
from tests.caches import clear_all_caches
from tests.contributions.conftest import make_call, pdf_bytes
from tests.contributions.conftest import valid_data as valid_answer
from tests.testimonies.conftest import FORM_URL as TESTIMONY_FORM_URL
from tests.testimonies.conftest import valid_data as valid_testimony
from videos.factories import VideoPageFactory, VideoSeriesFactory

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]

FUZZ = settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FUZZ, max_examples=15)

# ---------------------------------------------------------------------------------------
# Hostile values
# ---------------------------------------------------------------------------------------

FORMAT_CHARACTERS = list(
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufeff"
)
PIECES = [
    "\x00",
    "\x1b[31m",
    "\x0b",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    *FORMAT_CHARACTERS,
    "ＡＢＣ",
    "１２３",
    "＜ｓｃｒｉｐｔ＞",
    "ﬁ",
    "㎏",
    "①",
    "9" * 5_000,
    "1" + "0" * 6_000,
    "-" + "9" * 5_000,
    "\ud800",
    "\udfff",
    "'",
    '"',
    "\\",
    "`",
    "<script>alert(1)</script>",
    "</textarea>",
    '<img src=x onerror="alert(1)">',
    "&#0;",
    "{{ request }}",
    "{% debug %}",
    "%(x)s",
    "=1+1",
    "+33",
    "@SUM(A1)",
    "-1",
    "0",
    "1e400",
    "NaN",
    " ",
    "\t",
    "\n",
    "\r\n",
    "é",
    "İ",
    "\U0001f600",
    "e\u0301",
    "2A",
    "974",
    "../",
    "%",
    "%00",
    "&",
    "=",
    "+",
    ";",
    "#",
    "?",
    "/",
    ",",
    "*",
    '"" OR NEAR(',
    "-- ",
]
INVALID_UTF8 = [b"\xff", b"\xfe\xfd", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x82", b"\xc0\xaf", b"\x80"]
SOME_CHARACTERS = st.characters(
    categories=["Cc", "Cf", "Cs", "Co", "Zs", "Lu", "Ll", "Lo", "Mn", "Nd", "No", "Po", "Sm", "So"]
)

hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(SOME_CHARACTERS, max_size=12)), max_size=4
).map("".join)


def as_bytes(text: str) -> bytes:
    """UTF-8, lone surrogates included (as a broken client would send them: invalid UTF-8)."""
    return text.encode("utf-8", "surrogatepass")


hostile_bytes = st.lists(
    st.one_of(hostile_text.map(as_bytes), st.sampled_from(INVALID_UTF8), st.binary(max_size=6)),
    max_size=4,
).map(b"".join)


def query_string(values: dict[str, bytes]) -> str:
    return "&".join(
        f"{quote_from_bytes(as_bytes(name), safe='')}={quote_from_bytes(value, safe='')}"
        for name, value in values.items()
    )


def urlencoded_body(fields: list[tuple[str, bytes]], raw: bool) -> bytes:
    """A form body; ``raw`` leaves every byte but the separators as it is (invalid UTF-8
    included), as a misbehaving client sends it."""

    def encode(value: bytes) -> bytes:
        if not raw:
            return quote_from_bytes(value, safe="").encode("ascii")
        for byte, escape in ((b"%", b"%25"), (b"&", b"%26"), (b"=", b"%3D"), (b"+", b"%2B")):
            value = value.replace(byte, escape)
        return value

    return b"&".join(encode(as_bytes(name)) + b"=" + encode(value) for name, value in fields)


BOUNDARY = "fuzzboundaryf6a1c9"


def multipart_body(fields: list[tuple[str, bytes]], files: list[tuple[bytes, bytes]]) -> bytes:
    parts = []
    for name, value in fields:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value
            + b"\r\n"
        )
    for filename, content in files:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; '.encode()
            + b'filename="'
            + filename
            + b'"\r\nContent-Type: application/pdf\r\n\r\n'
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def assert_not_5xx(response, what) -> None:
    assert response.status_code < 500, (what, response.status_code, response.content[:300])


def post(client: Client, url: str, body: bytes, multipart: bool = False):
    content_type = (
        f"multipart/form-data; boundary={BOUNDARY}"
        if multipart
        else "application/x-www-form-urlencoded"
    )
    return client.generic("POST", url, body, content_type=content_type)


def example_in_savepoint(run):
    """Each example sees the module's site and nothing any other example stored."""

    @functools.wraps(run)
    def wrapped(*args, **kwargs):
        clear_all_caches()
        with transaction.atomic():
            try:
                return run(*args, **kwargs)
            finally:
                transaction.set_rollback(True)

    return wrapped


# ---------------------------------------------------------------------------------------
# The site, built once for the module
# ---------------------------------------------------------------------------------------


def build_site() -> dict:
    tree = seed_site()
    sections = tree["sections"]
    person = PersonFactory(name="Camille Martin")
    rubric = RubricFactory(name="Tribune", slug="tribune")
    article = ArticlePageFactory(parent=sections["articles"], rubric=rubric, title="Un article")
    article.authors.create(person=person)
    article.tags.add("santé")
    article.save()
    publish(article)

    show = PodcastShowPageFactory(parent=sections["podcasts"], title="Les Voix du soin")
    publish(show)
    episode = publish(EpisodePageFactory(parent=show, title="Épisode"))

    event = EventPageFactory(parent=sections["evenements"], title="Rencontre")
    event.tags.add("rencontre")
    event.save()
    publish(event)

    series = VideoSeriesFactory(name="Paroles", slug="paroles")
    publish(VideoPageFactory(parent=sections["videos"], title="Une vidéo", series=series))
    dossier = publish(DossierPageFactory(parent=sections["dossiers"], title="Un dossier"))

    calls = sections["appels-a-contributions"]
    call = make_call(calls, title="Appel ouvert", slug="appel-ouvert")
    inspir = publish(InspirActionIndexPageFactory(parent=calls))
    CallAnswerFactory(call=call)

    story = TestimonyContactFactory(testimony=TestimonyFactory(title="Une histoire")).testimony
    publish_submission(story)

    private = publish(ArticlePageFactory(parent=sections["articles"], title="Réservé"))
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="le-bon-mot"
    )
    closed = Collection.get_first_root_node().add_child(name="Bureau")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    document = Document.objects.create(
        title="Compte rendu", collection=closed, file=ContentFile(b"%PDF-1.4\n", name="cr.pdf")
    )
    get_user_model().objects.create_user(
        "camille", "camille@example.org", "un mot de passe solide", is_staff=True
    )
    return {
        **tree,
        "article": article,
        "rubric": rubric,
        "person": person,
        "show": show,
        "episode": episode,
        "event": event,
        "dossier": dossier,
        "call": call,
        "inspir": inspir,
        "story": story,
        "private": private,
        "restriction": restriction,
        "document": document,
        "document_restriction": document_restriction,
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, in a transaction rolled back when the module is done."""
    root = tmp_path_factory.mktemp("fuzz")
    with (
        django_db_blocker.unblock(),
        override_settings(FABRIQUE_PRIVATE_ROOT=root / "private", MEDIA_ROOT=root / "media"),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_site()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def fuzz_site(site, db):
    return site


# ---------------------------------------------------------------------------------------
# Query parameters
# ---------------------------------------------------------------------------------------

# (label, address from the site, parameters the page reads)
PARAMETERS = [
    ("accueil", lambda s: s["home"].url, ["page"]),
    (
        "articles",
        lambda s: s["sections"]["articles"].url,
        ["rubrique", "auteur", "tag", "dossier", "page"],
    ),
    ("vidéos", lambda s: s["sections"]["videos"].url, ["emission", "type", "tag", "page"]),
    ("dossiers", lambda s: s["sections"]["dossiers"].url, ["theme", "page"]),
    (
        "événements",
        lambda s: s["sections"]["evenements"].url,
        ["quand", "format", "tag", "mois", "page"],
    ),
    ("podcasts", lambda s: s["sections"]["podcasts"].url, ["page"]),
    ("émission", lambda s: s["show"].url, ["page"]),
    ("inspir'actions", lambda s: s["inspir"].url, ["theme", "acteur", "departement", "page"]),
    (
        "vos histoires",
        lambda s: s["sections"]["vos-histoires"].url,
        ["theme", "role", "departement", "page"],
    ),
    ("recherche", lambda s: "/recherche/", ["q", "type", "page"]),
    ("plan du site", lambda s: "/sitemap.xml", ["p"]),
    ("flux des articles", lambda s: s["sections"]["articles"].url + "rss/", ["page"]),
    ("agenda", lambda s: s["sections"]["evenements"].url + "ical/", ["tag"]),
    ("connexion", lambda s: "/admin/login/", ["next"]),
]


@pytest.mark.parametrize(
    ("build_url", "names"), [pytest.param(url, names, id=label) for label, url, names in PARAMETERS]
)
def test_query_parameters_never_answer_5xx(fuzz_site, build_url, names):
    url = build_url(fuzz_site)
    client = Client()

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(names, hostile_bytes)))
    @example_in_savepoint
    def run(values):
        response = client.get(url, QUERY_STRING=query_string(values))
        assert_not_5xx(response, (url, values))

    run()


GET_PARAMETER = re.compile(r"""request\.GET\.get(?:list)?\(\s*["']([^"']+)["']""")
# Read by admin views only (behind a login), not by a page a stranger can open.
ADMIN_ONLY_SOURCES = ("admin_guards.py", "admin_views.py", "second_factor_views.py")
# Parameters of Wagtail's own admin that the project's admin hooks read.
ADMIN_PARAMETERS = {"_w_hydrate_create_view"}


def test_every_query_parameter_read_by_public_code_is_fuzzed():
    """A page that starts reading a new parameter fails here until it is in PARAMETERS."""
    read = set()
    for app in (
        "articles",
        "contributions",
        "dossiers",
        "events",
        "fabrique",
        "podcasts",
        "testimonies",
        "videos",
    ):
        for source in (REPOSITORY / app).rglob("*.py"):
            if source.name in ADMIN_ONLY_SOURCES or "migrations" in source.parts:
                continue
            read |= set(GET_PARAMETER.findall(source.read_text()))
    read -= ADMIN_PARAMETERS
    fuzzed = {name for _label, _url, names in PARAMETERS for name in names}
    assert read, "no parameter found: the pattern no longer matches the code"
    assert read <= fuzzed, f"query parameters read but not fuzzed: {read - fuzzed}"


# ---------------------------------------------------------------------------------------
# Routes of routable pages, with hostile path segments
# ---------------------------------------------------------------------------------------

word_segment = st.text(
    st.one_of(st.characters(categories=["L", "N"]), st.sampled_from("-_")), min_size=1, max_size=40
)
hex_segment = st.text("0123456789abcdef", min_size=1, max_size=40)
segment = st.one_of(
    word_segment.map(lambda s: quote_from_bytes(as_bytes(s), safe="")),
    hostile_bytes.filter(bool).map(lambda b: quote_from_bytes(b, safe="")),
)

# (model label, route name) -> strategy of addresses under that route
ROUTES = {
    ("articles.ArticleIndexPage", "index_route"): lambda s: st.just(s["sections"]["articles"].url),
    ("articles.ArticleIndexPage", "feed"): lambda s: st.just(
        s["sections"]["articles"].url + "rss/"
    ),
    ("articles.ArticleIndexPage", "rubric_feed"): lambda s: segment.map(
        lambda seg: f"{s['sections']['articles'].url}rss/{seg}/"
    ),
    ("podcasts.PodcastShowPage", "index_route"): lambda s: st.just(s["show"].url),
    ("podcasts.PodcastShowPage", "feed"): lambda s: st.just(s["show"].url + "rss/"),
    ("podcasts.EpisodePage", "index_route"): lambda s: st.just(s["episode"].url),
    ("podcasts.EpisodePage", "transcript_file"): lambda s: st.just(
        s["episode"].url + "transcription/"
    ),
    ("podcasts.EpisodePage", "chapters_file"): lambda s: st.just(s["episode"].url + "chapitres/"),
    ("testimonies.TestimonyIndexPage", "index_route"): lambda s: st.just(
        s["sections"]["vos-histoires"].url
    ),
    ("testimonies.TestimonyIndexPage", "form"): lambda s: st.just(TESTIMONY_FORM_URL),
    ("testimonies.TestimonyIndexPage", "thanks"): lambda s: st.just("/vos-histoires/merci/"),
    ("testimonies.TestimonyIndexPage", "follow"): lambda s: st.tuples(hex_segment, segment).map(
        lambda parts: "/vos-histoires/suivi/{}/{}/".format(*parts)
    ),
    ("testimonies.TestimonyIndexPage", "confirm"): lambda s: st.tuples(
        segment, segment, segment
    ).map(lambda parts: "/vos-histoires/confirmer/{}/{}/{}/".format(*parts)),
    ("testimonies.TestimonyIndexPage", "detail"): lambda s: st.text(
        "0123456789abcdef-", min_size=36, max_size=36
    ).map(lambda key: f"/vos-histoires/{key}/"),
    ("events.EventIndexPage", "index_route"): lambda s: st.just(s["sections"]["evenements"].url),
    ("events.EventIndexPage", "calendar"): lambda s: st.just(
        s["sections"]["evenements"].url + "ical/"
    ),
    ("events.EventIndexPage", "tag_calendar"): lambda s: segment.map(
        lambda seg: f"{s['sections']['evenements'].url}ical/{seg}/"
    ),
    ("events.EventPage", "index_route"): lambda s: st.just(s["event"].url),
    ("events.EventPage", "ics"): lambda s: st.just(s["event"].url + "ical/"),
    ("contributions.CallPage", "index_route"): lambda s: st.just(s["call"].url),
    ("contributions.CallPage", "thanks"): lambda s: st.just(s["call"].url + "merci/"),
    ("contributions.CallPage", "follow"): lambda s: st.tuples(hex_segment, segment).map(
        lambda parts: "{}suivi/{}/{}/".format(s["call"].url, *parts)
    ),
    ("contributions.CallPage", "confirm"): lambda s: st.tuples(segment, segment, segment).map(
        lambda parts: "{}confirmer/{}/{}/{}/".format(s["call"].url, *parts)
    ),
    ("dossiers.DossierPage", "index_route"): lambda s: st.just(s["dossier"].url),
    ("dossiers.DossierPage", "bibtex"): lambda s: st.just(
        s["dossier"].url + "bibliographie/bibtex/"
    ),
    ("dossiers.DossierPage", "ris"): lambda s: st.just(s["dossier"].url + "bibliographie/ris/"),
}


def routable_routes() -> set[tuple[str, str]]:
    return {
        (model._meta.label, pattern.name)
        for model in apps.get_models()
        if issubclass(model, RoutablePageMixin)
        for pattern in model.get_subpage_urls()
    }


def test_every_route_of_a_routable_page_is_fuzzed():
    assert routable_routes() == set(ROUTES), "ROUTES and the routable pages differ"


def any_path(s):
    """Under any section or page of the site, then a hostile segment or two."""
    bases = [page.url for page in s["sections"].values()] + [
        s["home"].url,
        "/documents/",
        # The admin's password reset link (uid, token) is open to anyone who has one.
        "/admin/password_reset/confirm/",
    ]
    return st.tuples(st.sampled_from(bases), st.lists(segment, min_size=1, max_size=2)).map(
        lambda parts: parts[0] + "/".join(parts[1]) + "/"
    )


# Routes whose address takes a value from outside get many examples; a fixed address a few
# (only the method and the body change).
ROUTES_WITH_VALUES = {
    ("articles.ArticleIndexPage", "rubric_feed"),
    ("testimonies.TestimonyIndexPage", "follow"),
    ("testimonies.TestimonyIndexPage", "confirm"),
    ("testimonies.TestimonyIndexPage", "detail"),
    ("events.EventIndexPage", "tag_calendar"),
    ("contributions.CallPage", "follow"),
    ("contributions.CallPage", "confirm"),
}


def send_to(client: Client, address: str, method: str, action: bytes) -> None:
    before = (Testimony.objects.count(), CallAnswer.objects.count())
    body = urlencoded_body([("action", action)], raw=False)
    response = client.generic(
        method, address, body, content_type="application/x-www-form-urlencoded"
    )
    assert_not_5xx(response, (method, address))
    assert (Testimony.objects.count(), CallAnswer.objects.count()) == before


@pytest.mark.parametrize("route", [pytest.param(key, id="/".join(key)) for key in ROUTES])
def test_every_route_never_answers_5xx(fuzz_site, route):
    addresses = ROUTES[route](fuzz_site)
    client = Client()

    @settings(FUZZ, max_examples=25 if route in ROUTES_WITH_VALUES else 3)
    @given(addresses, st.sampled_from(["GET", "HEAD", "POST"]), hostile_bytes)
    @example_in_savepoint
    def run(address, method, action):
        send_to(client, address, method, action)

    run()


def test_any_path_under_the_site_never_answers_5xx(fuzz_site):
    client = Client()

    @settings(FUZZ, max_examples=40)
    @given(any_path(fuzz_site), st.sampled_from(["GET", "HEAD", "POST"]), hostile_bytes)
    @example_in_savepoint
    def run(address, method, action):
        send_to(client, address, method, action)

    run()


def test_a_withdrawal_with_a_forged_signature_erases_nothing(fuzz_site):
    """The follow links take any signature the route allows: a forged one is a 404."""
    client = Client()

    @FEW
    @given(hex_segment, word_segment)
    @example_in_savepoint
    def run(value, signature):
        for base in ("/vos-histoires/", fuzz_site["call"].url):
            url = f"{base}suivi/{value}/{quote_from_bytes(as_bytes(signature), safe='')}/"
            response = client.post(url, {"action": "withdraw"})
            assert response.status_code == 404, url
        assert Testimony.objects.filter(pk=fuzz_site["story"].pk).exists()
        assert CallAnswer.objects.exists()

    run()


# ---------------------------------------------------------------------------------------
# Public forms
# ---------------------------------------------------------------------------------------


def start_token(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    found = re.search(r'name="started" value="([^"]*)"', response.content.decode())
    assert found, "the form carries no start token"
    return found.group(1).encode()


def form_fields(valid: dict, hostile: dict, extra: list) -> list[tuple[str, bytes]]:
    fields = [(name, value) for name, value in hostile.items() if value is not None]
    fields += [(name, as_bytes(value)) for name, value in valid.items() if name not in hostile]
    return fields + extra


def stored_text_is_clean(*values: str) -> bool:
    return not any(ILLEGAL_CHARACTERS.search(value or "") for value in values)


TESTIMONY_FIELDS = [
    "pseudonym",
    "role",
    "department",
    "title",
    "story",
    "email",
    "consent_publication",
    "consent_health_data",
    "website",
]


def hostile_form(valid: dict, names: list[str]):
    """Some fields left out, some hostile, some the valid value with a hostile piece added
    (markup, quotes, fullwidth forms, long numbers: text a form may well accept); the
    fields not drawn keep their valid value, so some examples are accepted."""

    def variants(name):
        base = valid[name]
        return st.one_of(
            st.none(),
            hostile_bytes,
            st.sampled_from(PIECES).map(lambda piece: as_bytes(base + piece)),
        )

    return st.fixed_dictionaries({}, optional={name: variants(name) for name in names})


VALID_TESTIMONY = {**valid_testimony(), "website": ""}
VALID_ANSWER = {**valid_answer(), "website": ""}


def test_the_testimony_form_stores_whole_or_nothing(fuzz_site):
    client = Client()
    outcomes = collections.Counter()

    @FUZZ
    @given(
        hostile_form(VALID_TESTIMONY, TESTIMONY_FIELDS),
        st.booleans(),
        st.lists(st.tuples(st.sampled_from(TESTIMONY_FIELDS), hostile_bytes), max_size=2),
    )
    @example_in_savepoint
    def run(hostile, raw, repeated):
        fields = form_fields(
            VALID_TESTIMONY,
            hostile,
            [("started", start_token(client, TESTIMONY_FORM_URL)), *repeated],
        )
        before = (Testimony.objects.count(), TestimonyContact.objects.count())
        response = post(client, TESTIMONY_FORM_URL, urlencoded_body(fields, raw))
        assert_not_5xx(response, fields)
        after = (Testimony.objects.count(), TestimonyContact.objects.count())
        if response.status_code == 302 and after != before:
            outcomes["stored"] += 1
            assert after == (before[0] + 1, before[1] + 1)
            story = Testimony.objects.latest("pk")
            contact = TestimonyContact.objects.get(testimony=story)
            assert story.title.strip() and story.story.strip()
            assert story.role in Role.values
            assert contact.consent_publication_at and contact.consent_health_data_at
            assert stored_text_is_clean(
                story.title, story.story, story.pseudonym, story.department, contact.email
            )
        elif response.status_code == 302:
            # Only a robot that filled the hidden field is thanked without storing.
            assert dict(fields).get("website"), fields
        else:
            outcomes["refused"] += 1
            assert after == before, fields

    run()
    # Both sides of the property were exercised, not only refusals.
    assert outcomes["stored"] and outcomes["refused"], outcomes


ANSWER_FIELDS = [
    "organisation",
    "actor_kind",
    "commune",
    "department",
    "partners",
    "action_what",
    "action_with",
    "action_for",
    "action_since",
    "results",
    "helped",
    "difficulties",
    "contact_name",
    "email",
    "phone",
    "consent_contact",
    "consent_publication",
    "website",
]

upload = st.tuples(
    st.one_of(st.just(b"compte-rendu.pdf"), hostile_bytes.filter(lambda b: b'"' not in b)),
    st.one_of(st.just(pdf_bytes()), st.binary(max_size=64), st.just(b"PK\x03\x04" + b"\x00" * 40)),
)


def test_the_answer_to_a_call_stores_whole_or_nothing(fuzz_site):
    url = fuzz_site["call"].url
    client = Client()
    outcomes = collections.Counter()

    @FUZZ
    @given(
        hostile_form(VALID_ANSWER, ANSWER_FIELDS),
        st.sampled_from(["raw", "percent", "multipart"]),
        st.lists(upload, max_size=2),
    )
    @example_in_savepoint
    def run(hostile, encoding, files):
        fields = form_fields(VALID_ANSWER, hostile, [("started", start_token(client, url))])
        before = (CallAnswer.objects.count(), AnswerAttachment.objects.count())
        if encoding == "multipart":
            response = post(client, url, multipart_body(fields, files), multipart=True)
        else:
            response = post(client, url, urlencoded_body(fields, raw=encoding == "raw"))
        assert_not_5xx(response, fields)
        after = (CallAnswer.objects.count(), AnswerAttachment.objects.count())
        if response.status_code == 302 and after != before:
            outcomes["stored"] += 1
            assert after[0] == before[0] + 1
            answer = CallAnswer.objects.latest("pk")
            for name in (
                "organisation",
                "commune",
                "department",
                "action_what",
                "contact_name",
                "email",
            ):
                assert getattr(answer, name).strip(), name
            assert answer.consent_contact_at
            attachments = list(answer.attachments.all())
            assert len(attachments) == after[1] - before[1]
            assert len(attachments) <= (len(files) if encoding == "multipart" else 0)
            for attachment in attachments:
                assert attachment.file.storage.exists(attachment.file.name)
            assert stored_text_is_clean(
                *(getattr(answer, name) for name in ANSWER_FIELDS[:15] if name != "actor_kind")
            )
        elif response.status_code == 302:
            assert dict(fields).get("website"), fields
        else:
            outcomes["refused"] += 1
            assert after == before, fields

    run()
    # Both sides of the property were exercised, not only refusals.
    assert outcomes["stored"] and outcomes["refused"], outcomes


def test_search_never_answers_5xx(fuzz_site):
    client = Client()

    @FUZZ
    @given(hostile_text, st.booleans())
    @example_in_savepoint
    def run(words, raw):
        # The search box's own GET, the words as a browser encodes them (or raw bytes).
        query = query_string({"q": as_bytes(words)})
        if raw:
            query = "q=" + as_bytes(words).decode("latin-1")
        response = client.get("/recherche/", QUERY_STRING=query)
        assert_not_5xx(response, words)

    run()


def test_the_admin_login_logout_and_password_reset_never_answer_5xx(fuzz_site):
    client = Client()
    known = as_bytes("camille@example.org")

    @FEW
    @given(
        st.one_of(st.just(b"camille"), hostile_bytes),
        hostile_bytes,
        st.one_of(st.none(), hostile_bytes),
        st.one_of(st.just(known), hostile_bytes),
        st.booleans(),
    )
    @example_in_savepoint
    def run(username, password, otp_token, email, raw):
        fields = [("username", username), ("password", password), ("next", b"/admin/")]
        if otp_token is not None:
            fields.append(("otp_token", otp_token))
        response = post(client, "/admin/login/", urlencoded_body(fields, raw))
        assert_not_5xx(response, fields)
        response = post(client, "/admin/password_reset/", urlencoded_body([("email", email)], raw))
        assert_not_5xx(response, email)
        # Logging out is a POST anyone can send, with where to go next.
        response = post(client, "/admin/logout/", urlencoded_body([("next", password)], raw))
        assert_not_5xx(response, password)

    run()


def test_passwords_of_private_pages_and_documents_never_answer_5xx(fuzz_site):
    page = fuzz_site["private"]
    page_url = f"/_util/authenticate_with_password/{fuzz_site['restriction'].pk}/{page.pk}/"
    document_url = f"/documents/authenticate_with_password/{fuzz_site['document_restriction'].pk}/"

    @FEW
    @given(
        st.one_of(st.just(b"le-bon-mot"), hostile_bytes),
        st.one_of(st.just(as_bytes(page.url)), hostile_bytes),
        st.booleans(),
    )
    @example_in_savepoint
    def run(password, return_url, raw):
        client = Client()
        for url in (page_url, document_url):
            fields = [("password", password), ("return_url", return_url)]
            response = post(client, url, urlencoded_body(fields, raw))
            assert_not_5xx(response, (url, fields))
            if response.status_code == 302:
                # Wherever the form was told to return, the answer stays on this site.
                location = response["Location"]
                assert location.startswith("/") and not location.startswith("//"), location

    run()
