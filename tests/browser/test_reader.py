"""What a reader sees (docs/reading.md): every image shows under production media serving, the phone
header leaves room for the content, dark mode stays accessible.

Screenshots of every page at 375 and 1280 px are taken by ``test_pages.py`` (under
``var/screenshots/``, git-ignored, kept by CI as artefacts).
"""

from .harness import axe_violations, screenshot
from .pages import ALL, PAGE_TYPES, Target, first_article

PHONE = {"width": 375, "height": 667}
# The pages a reader meets first, checked again in dark mode.
DARK = [
    Target("accueil", "/"),
    Target("article", first_article),
    Target("index des articles", "/articles/"),
    Target("formulaire de témoignage", "/vos-histoires/temoigner/"),
]

BROKEN_IMAGES = """() => [...document.images]
    .filter((img) => !img.complete || img.naturalWidth === 0)
    .map((img) => img.currentSrc || img.src)"""


def _scroll_through(page):
    """Scroll down a screen at a time so every lazy image is asked for, then wait for them."""
    page.evaluate(
        """async () => {
            const step = Math.max(200, window.innerHeight / 2);
            for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
                window.scrollTo(0, y);
                await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 30)));
            }
            await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
            window.scrollTo(0, 0);
        }"""
    )


def test_every_image_loads_with_production_media_serving(site, page):
    problems = []
    formats = set()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for target in ALL:
            target.open(page, site)
            _scroll_through(page)
            for src in page.evaluate(BROKEN_IMAGES):
                problems.append(f"{target.name} à {width} px : image non affichée {src}")
            formats |= set(
                page.evaluate("[...document.images].map((i) => i.currentSrc.split('.').pop())")
            )
    assert not problems, "\n".join(problems)
    # Chromium reads AVIF: the pictures offer it first, and it is what gets shown.
    assert "avif" in formats


def test_phone_header_takes_at_most_a_quarter_of_the_screen(site, page):
    page.set_viewport_size(PHONE)
    problems = []
    for target in PAGE_TYPES:
        target.open(page, site)
        height = page.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().height"
        )
        if height > PHONE["height"] / 4:
            problems.append(f"{target.name}: en-tête de {height:.0f} px sur 667")
        # The donate button is visible without opening anything.
        if not page.locator(".site-header__donate").is_visible():
            problems.append(f"{target.name}: bouton « Faire un don » caché")
    assert not problems, "\n".join(problems)


def test_phone_menu_and_search_open_without_javascript(site, browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(site + "/")
        assert not tab.locator(".site-menu").is_visible()
        tab.get_by_text("Menu", exact=True).click()
        menu = tab.locator(".site-menu")
        assert menu.is_visible()
        menu.get_by_role("link", name="Articles").click()
        tab.wait_for_load_state("load")
        assert tab.url.endswith("/articles/")
        tab.locator(".disclosure--search summary").click()
        tab.fill("#site-search-q", "soin")
        tab.locator(".site-search button").click()
        tab.wait_for_load_state("load")
        assert "/recherche/?q=soin" in tab.url
    finally:
        context.close()


def test_dark_mode_keeps_wcag_contrast(site, browser):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}, color_scheme="dark"
    )
    tab = context.new_page()
    problems = []
    try:
        for target in DARK:
            target.open(tab, site)
            problems += axe_violations(tab, f"{target.name} (sombre)")
            screenshot(tab, f"{target.slug}-sombre", 375)
    finally:
        context.close()
    assert not problems, "axe-core, thème sombre :\n" + "\n".join(problems)
