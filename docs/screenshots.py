"""The editors' guide's screenshots, taken in the real admin: ``make guide``.

Why a script and not hand-made captures: the guide must show the admin as it is today,
so anyone regenerates every image with one command after a change. It builds a throwaway
SQLite database in a temporary folder (migrations, the demo content of ``seed_demo``,
then one member of each editorial group and the pages they have in progress), serves it
with ``runserver`` on a free loopback port, drives Debian's Chromium with Playwright
through each step the guide describes, and writes 8-bit PNGs to ``docs/images/guide/``.
Nothing of the developer's own database or media is touched.

The browser test ``tests/browser/test_guide.py`` runs :func:`prepare` and :func:`capture`
on a few shots against the test live server, so an admin address that changes breaks CI.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "images" / "guide"
CHROMIUM = os.environ.get("FABRIQUE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
# A throwaway database's accounts: the password never leaves the temporary folder.
PASSWORD = "guide-captures-2026"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


# --- Data -------------------------------------------------------------------------------


PEOPLE = {
    # username: (group, first name, last name)
    "alice": ("Éditeurs", "Alice", "Martin"),
    "camille": ("Contributeurs", "Camille", "Roux"),
    "ines": ("Modérateurs", "Inès", "Benali"),
    "awa": ("Relecteurs soignants", "Awa", "Diallo"),
}

SUBMITTED_TITLE = "Les urgences la nuit"
HEALTH_TITLE = "Vaccins : ce qui change cet hiver"
DRAFT_TITLE = (
    "Un brouillon dont le titre est bien trop long pour tenir dans un résultat de recherche"
)
SCHEDULED_TITLE = "Déserts médicaux : la carte mise à jour"
STORY_TITLE = "Une nuit en réanimation pédiatrique"
# Invented, with what the name detection flags: a name, a place, a telephone number.
STORY = (
    "Je suis infirmière de nuit au centre hospitalier de Rodez. Cette nuit-là, le docteur "
    "Bernard Lefèvre est resté avec nous jusqu'à l'aube auprès d'un enfant de six ans. "
    "Si vous voulez en parler, appelez-moi au 06 12 34 56 78."
)


def prepare() -> None:
    """One member of each group, and pages at each step of the guide. Needs Django set up
    and the demo content (``seed_demo``) loaded; safe to run again."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from wagtail.models import Workflow

    from articles.factories import ArticlePageFactory
    from articles.models import ArticleIndexPage, ArticlePage
    from contributions.factories import CallAnswerFactory
    from contributions.models import CallAnswer, CallPage
    from fabrique.core.models import Person
    from testimonies.factories import TestimonyFactory
    from testimonies.models import Role, Testimony

    users = {}
    for username, (group, first, last) in PEOPLE.items():
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create_user(
                username, f"{username}@example.org", PASSWORD, first_name=first, last_name=last
            )
            user.groups.add(Group.objects.get(name=group))
        users[username] = user
    if not Person.objects.filter(user=users["awa"]).exists():
        Person.objects.create(name="Awa Diallo", role="infirmière en pédiatrie", user=users["awa"])

    index = ArticleIndexPage.objects.get()
    workflow = Workflow.objects.get(name="Relecture avant publication")
    for title, standfirst, health_claims in (
        (SUBMITTED_TITLE, "Ce que voient les soignant·es entre minuit et six heures.", False),
        (HEALTH_TITLE, "Qui peut se faire vacciner, où, et ce que dit la recommandation.", True),
    ):
        if ArticlePage.objects.filter(title=title).exists():
            continue
        article = ArticlePageFactory(
            parent=index,
            title=title,
            live=False,
            owner=users["camille"],
            standfirst=standfirst,
            health_claims=health_claims,
        )
        article.save_revision(user=users["camille"])
        workflow.start(article, users["camille"])
    if not ArticlePage.objects.filter(title=DRAFT_TITLE).exists():
        draft = ArticlePageFactory(
            parent=index, title=DRAFT_TITLE, live=False, owner=users["camille"], standfirst=""
        )
        draft.save_revision(user=users["camille"])
    if not ArticlePage.objects.filter(title=SCHEDULED_TITLE).exists():
        scheduled = ArticlePageFactory(
            parent=index, title=SCHEDULED_TITLE, live=False, owner=users["alice"]
        )
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
        scheduled.save_revision(user=users["alice"]).publish(user=users["alice"])

    if not Testimony.objects.filter(title=STORY_TITLE).exists():
        TestimonyFactory(title=STORY_TITLE, story=STORY, published_text=STORY, role=Role.CAREGIVER)

    call = CallPage.objects.live().first()
    if call is not None and not CallAnswer.objects.exists():
        CallAnswerFactory(call=call, organisation="Maison de santé des Trois Rivières")
        CallAnswerFactory(call=call, organisation="Centre social de la Croix-Blanche")


# --- Shots ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    """One image of the guide: who is logged in, where, what to do before the capture."""

    name: str
    user: str
    path: str | Callable[[dict], str]
    alt: str
    action: Callable | None = None
    viewport: dict | None = None
    full_page: bool = False


def targets() -> dict:
    """The objects the shots open, looked up once (before the browser's event loop runs)."""
    from articles.models import ArticleIndexPage, ArticlePage
    from contributions.models import CallAnswer
    from testimonies.models import Testimony

    def page_id(title):
        return ArticlePage.objects.filter(title=title).values_list("pk", flat=True).first()

    testimony = Testimony.objects.filter(title=STORY_TITLE).first()
    answer = CallAnswer.objects.pending().order_by("submitted_at").first()
    return {
        "articles": ArticleIndexPage.objects.get().pk,
        "submitted": page_id(SUBMITTED_TITLE),
        "health": page_id(HEALTH_TITLE),
        "draft": page_id(DRAFT_TITLE),
        "scheduled": page_id(SCHEDULED_TITLE),
        "testimony": testimony.pk if testimony else None,
        "answer": answer.pk if answer else None,
    }


def _tab(name):
    def action(page):
        page.get_by_role("tab", name=re.compile(name, re.I)).first.click()
        page.wait_for_timeout(300)

    return action


def _publication_section(page):
    page.get_by_role("heading", name="Publication").first.evaluate("el => el.scrollIntoView()")
    page.wait_for_timeout(300)


def _more_actions(page):
    page.get_by_role("button", name="Plus d'actions").click()
    page.wait_for_timeout(300)


def _preview(page):
    page.get_by_role("button", name=re.compile("prévisualisation", re.I)).first.click()
    page.frame_locator("iframe[id*=preview]").first.get_by_role("heading").first.wait_for()
    page.wait_for_timeout(800)


def _schedule(page):
    """Status panel, then "Programmer". A page already scheduled is locked until it goes
    live, so the shot is taken on a draft."""
    page.get_by_role("button", name="Afficher/masquer le statut").click()
    page.get_by_role(
        "button", name=re.compile("^(Programmer|Modifier la programmation)$")
    ).first.click()
    page.locator("[name=go_live_at]").first.wait_for()
    page.wait_for_timeout(300)


SHOTS = [
    Shot(
        "tableau-de-bord-editeur",
        "alice",
        "/admin/",
        "Tableau de bord d'une éditrice : pages en attente de sa validation, brouillons, "
        "pages programmées et prochains événements",
        # The admin scrolls inside its own frame: a full-page shot would stop at 800 px.
        viewport={"width": 1280, "height": 1000},
    ),
    Shot(
        "tableau-de-bord-contributeur",
        "camille",
        "/admin/",
        "Tableau de bord d'un contributeur : ses brouillons et les prochains événements",
    ),
    Shot(
        "tableau-de-bord-moderation",
        "ines",
        "/admin/",
        "Tableau de bord d'une modératrice : témoignages et réponses aux appels à modérer",
    ),
    Shot(
        "explorateur",
        "alice",
        lambda ids: f"/admin/pages/{ids['articles']}/",
        "L'explorateur de pages ouvert sur la rubrique Articles, avec « Ajouter une sous-page »",
    ),
    Shot(
        "article-contenu",
        "camille",
        lambda ids: f"/admin/pages/{ids['submitted']}/edit/",
        "L'éditeur d'un article, onglet « Contenu » : titre, chapô, image principale, classement",
    ),
    Shot(
        "article-promotion",
        "camille",
        lambda ids: f"/admin/pages/{ids['submitted']}/edit/",
        "L'éditeur d'un article, onglet « Promotion » : identifiant d'URL, titre et "
        "description pour les moteurs de recherche, image de carte",
        action=_tab("Promotion"),
    ),
    Shot(
        "verifications",
        "camille",
        lambda ids: f"/admin/pages/{ids['draft']}/edit/",
        "L'encadré « Avant de publier » en haut de l'éditeur, qui liste les points à vérifier",
    ),
    Shot(
        "soumettre",
        "camille",
        lambda ids: f"/admin/pages/{ids['draft']}/edit/",
        "Le menu « Plus d'actions » du contributeur, avec « Soumettre à Relecture avant "
        "publication »",
        action=_more_actions,
    ),
    Shot(
        "apercu",
        "camille",
        lambda ids: f"/admin/pages/{ids['draft']}/edit/",
        "Le panneau d'aperçu ouvert à droite de l'éditeur, qui montre la page comme elle paraîtra",
        action=_preview,
    ),
    Shot(
        "relecture-soignante",
        "awa",
        lambda ids: f"/admin/pages/{ids['health']}/edit/",
        "Une relectrice soignante devant un article qui déclare des affirmations de santé : "
        "approuver ou demander des modifications",
        action=_more_actions,
    ),
    Shot(
        "validation",
        "alice",
        lambda ids: f"/admin/pages/{ids['submitted']}/edit/",
        "Une éditrice devant un article soumis : « Approuver et Publier » ou demander des "
        "modifications",
        action=_more_actions,
    ),
    Shot(
        "programmer",
        "alice",
        lambda ids: f"/admin/pages/{ids['draft']}/edit/",
        "La fenêtre de programmation : date de mise en ligne et date d'expiration",
        action=_schedule,
    ),
    Shot(
        "temoignages",
        "ines",
        "/admin/snippets/testimonies/testimony/?status=pending",
        "La liste des témoignages en attente, filtrable par statut et par rôle",
    ),
    Shot(
        "temoignage",
        "ines",
        lambda ids: f"/admin/snippets/testimonies/testimony/edit/{ids['testimony']}/",
        "Un témoignage ouvert par la modération : détails identifiants signalés, texte à publier",
        action=_publication_section,
    ),
    Shot(
        "reponses-appels",
        "ines",
        "/admin/snippets/contributions/callanswer/",
        "La liste des réponses aux appels, avec ses filtres, l'export et l'import de fiches",
    ),
    Shot(
        "images",
        "alice",
        "/admin/images/",
        "La médiathèque des images",
    ),
    Shot(
        "reglages-site",
        "alice",
        "/admin/settings/core/sitesettings/",
        "Les réglages du site : général, dons, réseaux sociaux",
    ),
    Shot(
        "redirections",
        "alice",
        "/admin/redirects/",
        "La liste des redirections, créées d'elles-mêmes quand une page change d'adresse",
    ),
    Shot(
        "tableau-de-bord-telephone",
        "camille",
        "/admin/",
        "Le tableau de bord sur un téléphone",
        viewport=PHONE,
    ),
]


def log_in(context, base_url: str, username: str):
    page = context.new_page()
    page.set_default_timeout(30_000)
    # Opening a story loads the French name-detection model: seconds on a busy machine.
    page.set_default_navigation_timeout(120_000)
    page.goto(base_url + "/admin/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    if "/login/" in page.url:
        raise RuntimeError(f"Connexion refusée pour {username}")
    return page


def capture(base_url: str, output: Path, names=None, browser=None) -> list[Path]:
    """Take the shots named (all by default) into ``output``; returns the files written.

    ``browser`` is a running Playwright browser (the tests' own); without it, one is
    launched and closed here.
    """
    shots = [shot for shot in SHOTS if names is None or shot.name in names]
    ids = targets()
    output.mkdir(parents=True, exist_ok=True)
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=shutil.which(CHROMIUM) or CHROMIUM, args=CHROMIUM_ARGS
            )
            try:
                return _capture(chromium, base_url, output, shots, ids)
            finally:
                chromium.close()
    return _capture(browser, base_url, output, shots, ids)


def _capture(browser, base_url, output, shots, ids) -> list[Path]:
    written = []
    pages = {}
    contexts = []
    try:
        for shot in shots:
            if shot.user not in pages:
                context = browser.new_context(
                    locale="fr-FR", timezone_id="Europe/Paris", viewport=DESKTOP
                )
                contexts.append(context)
                pages[shot.user] = log_in(context, base_url, shot.user)
            page = pages[shot.user]
            page.set_viewport_size(shot.viewport or DESKTOP)
            path = shot.path(ids) if callable(shot.path) else shot.path
            response = page.goto(base_url + path)
            if response is None or response.status != 200:
                status = response.status if response else "?"
                raise RuntimeError(f"{shot.name} : {path} a répondu {status}")
            page.wait_for_load_state("networkidle")
            if shot.action:
                shot.action(page)
            target = output / f"{shot.name}.png"
            target.write_bytes(optimise(page.screenshot(full_page=shot.full_page)))
            written.append(target)
            print(f"  {target.name} ({len(target.read_bytes()) // 1024} Ko)")
    finally:
        for context in contexts:
            context.close()
    return written


def optimise(png: bytes) -> bytes:
    """An 8-bit palette PNG: a screenshot has few colours, so it stays sharp and small."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- The command ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("Le serveur de développement s'est arrêté au démarrage.")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"Le serveur ne répond pas à {url}.")


def main(argv=None) -> int:
    """``--dossier DIR`` keeps the database in DIR and reuses it the next time (faster
    when retaking the shots after a change to this file); by default, a temporary folder."""
    import argparse

    parser = argparse.ArgumentParser(description="Captures d'écran du guide des éditeurs")
    parser.add_argument("--dossier", type=Path, help="garder la base dans ce dossier")
    parser.add_argument("captures", nargs="*", help="seulement ces captures (par nom)")
    args = parser.parse_args(argv)
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        print(f"Chromium introuvable ({CHROMIUM}) : apt-get install chromium", file=sys.stderr)
        return 1
    if args.dossier:
        args.dossier.mkdir(parents=True, exist_ok=True)
        folder_context = contextlib.nullcontext(str(args.dossier.resolve()))
    else:
        folder_context = tempfile.TemporaryDirectory(prefix="fabrique-guide-")
    with folder_context as folder:
        folder = Path(folder)
        fresh = not (folder / "guide.sqlite3").exists()
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev",
                "DATABASE_URL": f"sqlite:///{folder / 'guide.sqlite3'}",
                "MEDIA_ROOT": str(folder / "media"),
                "FABRIQUE_PRIVATE_ROOT": str(folder / "private"),
                "WAGTAILADMIN_BASE_URL": base_url,
                "FABRIQUE_CACHE": "locmem",
                "DJANGO_DEBUG": "true",
            }
        )
        os.environ.pop("REDIS_URL", None)
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        from django.conf import settings

        # The workflow's notifications of prepare(): kept in memory, not printed.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        if fresh:
            print("Guide : base temporaire, migrations et démo…")
            call_command("migrate", "--noinput", verbosity=0)
            call_command("createcachetable", verbosity=0)
            call_command("seed_demo", stdout=io.StringIO())
        prepare()
        from django.db import connections

        connections.close_all()
        print(f"Guide : serveur sur {base_url}, captures dans {OUTPUT.relative_to(ROOT)}/")
        log = open(folder / "server.log", "wb")  # noqa: SIM115 (closed below)
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(base_url + "/admin/login/", server)
            if not args.captures:
                for old in OUTPUT.glob("*.png"):
                    old.unlink()
            written = capture(base_url, OUTPUT, args.captures or None)
        except Exception:
            log.flush()
            sys.stderr.write((folder / "server.log").read_text(errors="replace")[-4000:])
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
    total = sum(path.stat().st_size for path in written)
    print(f"Guide : {len(written)} captures, {total // 1024} Ko en tout.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
