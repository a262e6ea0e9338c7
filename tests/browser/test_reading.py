"""What a reader meets at 320, 375 and 1280 px, with and without JavaScript: the home's
blocks share one layout, French spacing keeps « 23 h 59 » or a date on one line, chapter
times stand apart from their titles, the header's search and menu answer the keyboard,
the video page says what is really there, and a call's follow link can be copied.
"""

import contextlib

from django.utils import formats, timezone, translation

from .pages import OPEN_CALL, first_podcast_episode, first_video, send_answer

WIDTHS = (375, 1280)
PHONE = {"width": 375, "height": 667}
NARROW = {"width": 320, "height": 640}


@contextlib.contextmanager
def tab_of(browser, viewport, **options):
    context = browser.new_context(locale="fr-FR", viewport=viewport, **options)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


# Home ---------------------------------------------------------------------------------

HOME_SECTIONS = """() => [...document.querySelectorAll('main section')].map((section) => {
    const heading = section.querySelector('h2');
    const rule = getComputedStyle(heading, '::after');
    return {
        title: heading.textContent.trim(),
        left: Math.round(heading.getBoundingClientRect().left),
        right: Math.round(heading.getBoundingClientRect().right),
        rule: rule.content !== 'none' && parseFloat(rule.borderTopWidth) >= 1,
    };
})"""


def test_home_calls_block_has_the_layout_of_the_other_home_blocks(site, page):
    """It sat flush left on a desktop, touched the edges on a phone, had no rule."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/")
        sections = {s["title"]: s for s in page.evaluate(HOME_SECTIONS)}
        calls, articles = sections["Appels à contributions"], sections["Articles"]
        for key in ("left", "right", "rule"):
            if calls[key] != articles[key]:
                problems.append(f"{width} px : {key} {calls[key]} (articles : {articles[key]})")
        if calls["left"] < 8:
            problems.append(f"{width} px : titre collé au bord ({calls['left']} px)")
    assert not problems, "\n".join(problems)


# French spacing -----------------------------------------------------------------------

# Every visible occurrence of a string in the main content: on how many lines it is shown
# at this width, and on how many the browser would put it on the narrowest line it can
# lay it out in (a zero-width box: every break opportunity becomes a line break, so one
# line means it has none). Spaces of any kind in the text match a space in the needle.
LINES_OF = """(needle) => {
    const same = (text) => text.replace(/[\\s\\u00a0\\u202f]/g, ' ');
    const lines = (rects) => {
        const tops = [];
        for (const r of rects) {
            if (r.width > 0 && !tops.some((top) => Math.abs(top - r.top) < r.height / 2)) {
                tops.push(r.top);
            }
        }
        return tops.length;
    };
    const found = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = same(node.data);
        for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            const shown = lines(range.getClientRects());
            if (!shown) {
                continue;  // hidden (a closed <details>, a script-only element)
            }
            const probe = document.createElement('span');
            probe.style.cssText = 'display:inline-block;width:0;white-space:normal;'
                + 'overflow-wrap:normal;word-break:normal;hyphens:none';
            probe.textContent = node.data.slice(at, at + needle.length);
            node.parentElement.appendChild(probe);
            const whole = document.createRange();
            whole.selectNodeContents(probe);
            found.push({shown: shown, narrowest: lines(whole.getClientRects())});
            probe.remove();
        }
    }
    return found;
}"""


def _french_date(value) -> str:
    with translation.override("fr"):
        return formats.date_format(timezone.localtime(value), "j F Y")


def test_french_spacing_keeps_dates_times_and_quotes_on_one_line_at_320_px(site, browser):
    from contributions.models import CallPage

    call = CallPage.objects.live().get(url_path__endswith="/aller-vers-la-sante/")
    expectations = {
        "/vos-histoires/temoigner/": ["« Anonyme »"],
        OPEN_CALL: ["23 h 59", _french_date(call.opens_at), _french_date(call.closes_at)],
        "/": ["23 h 59", _french_date(call.closes_at)],
    }
    problems = []
    with tab_of(browser, NARROW) as tab:
        for path, needles in expectations.items():
            tab.goto(site + path)
            for needle in needles:
                found = tab.evaluate(LINES_OF, needle)
                if not found:
                    problems.append(f"{path} : « {needle} » introuvable")
                for occurrence in found:
                    if occurrence["shown"] != 1 or occurrence["narrowest"] != 1:
                        problems.append(
                            f"{path} : « {needle} » sur {occurrence['shown']} lignes à 320 px, "
                            f"coupable en {occurrence['narrowest']} lignes"
                        )
    assert not problems, "\n".join(problems)


# Chapters -----------------------------------------------------------------------------

# For each chapter: the gap between its time and its title, and the first character drawn
# underlined in its link (a space there is an underline before the title starts).
CHAPTERS = """(selector) => [...document.querySelectorAll(selector)].map((item) => {
    const time = item.querySelector('time, .chapters__time, .chapters__seek');
    const title = item.querySelector('.chapter-link__title, .chapters__title')
        || item.querySelector('a');
    const titleRange = document.createRange();
    titleRange.selectNodeContents(title || item);
    let titleLeft = null;
    // The title's own text (without the time when both share one element).
    const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    let firstUnderlined = null;
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (time.contains(node)) {
            continue;
        }
        for (let i = 0; i < node.data.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = [...range.getClientRects()].find((r) => r.width > 0);
            if (!rect) {
                continue;
            }
            if (titleLeft === null && node.data[i].trim()) {
                titleLeft = rect.left;
            }
            let underlined = false;
            for (let el = node.parentElement; el && item.contains(el); el = el.parentElement) {
                if (getComputedStyle(el).textDecorationLine.includes('underline')) {
                    underlined = true;
                }
            }
            if (underlined && firstUnderlined === null) {
                firstUnderlined = node.data[i];
            }
        }
    }
    return {
        time: time.textContent.trim(),
        gap: Math.round(titleLeft - time.getBoundingClientRect().right),
        firstUnderlined: firstUnderlined,
    };
})"""


def test_chapter_times_stand_apart_and_links_start_with_their_title(site, browser):
    from podcasts.models import EpisodeChapter, EpisodePage

    # An episode over an hour long; created as the admin stores it (one row per chapter).
    EpisodeChapter.objects.create(
        page=EpisodePage.objects.live().order_by("pk").first(),
        start="1:02:30",
        title="Questions du public",
        url="https://example.org/",
        sort_order=9,
    )
    pages = [
        (first_video(), ".video-chapters li"),
        (first_podcast_episode(), "ol.chapters li"),
    ]
    problems = []
    for javascript in (True, False):
        for width in WIDTHS:
            viewport = {"width": width, "height": 900}
            with tab_of(browser, viewport, java_script_enabled=javascript) as tab:
                for path, selector in pages:
                    tab.goto(site + path)
                    chapters = tab.evaluate(CHAPTERS, selector)
                    assert any(c["time"].count(":") == 2 for c in chapters), path
                    for chapter in chapters:
                        where = f"{path} à {width} px, JS {'oui' if javascript else 'non'}"
                        if chapter["gap"] < 8:
                            problems.append(
                                f"{where} : {chapter['time']} à {chapter['gap']} px du titre"
                            )
                        first = chapter["firstUnderlined"]
                        if first is not None and not first.strip():
                            problems.append(
                                f"{where} : {chapter['time']}, lien souligné dès une espace"
                            )
    assert not problems, "\n".join(problems)


# Header -------------------------------------------------------------------------------


def _focused(tab) -> str:
    return tab.evaluate(
        """() => {
            const el = document.activeElement;
            const details = el.closest('details');
            return (el.id || el.tagName.toLowerCase())
                + (details ? ' in ' + details.className : '');
        }"""
    )


def _focus_moves_to_search(tab) -> bool:
    """The <details> "toggle" event comes a moment after the click: wait for it (bounded)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        tab.wait_for_function("() => document.activeElement.id === 'site-search-q'", timeout=5_000)
    except PlaywrightTimeout:
        return False
    return True


def _is_open(tab, selector) -> bool:
    return tab.evaluate("(s) => document.querySelector(s).open", selector)


def test_search_opens_into_its_field_and_escape_closes_search_and_menu(site, browser):
    search, menu = "details.disclosure--search", "details.disclosure--menu"
    with tab_of(browser, PHONE) as tab:
        tab.goto(site + "/")
        # Opened with a tap: the cursor is in the field, ready to type.
        tab.locator(f"{search} summary").click()
        assert _is_open(tab, search)
        assert _focus_moves_to_search(tab), _focused(tab)
        tab.keyboard.type("soin")
        tab.keyboard.press("Escape")
        assert not _is_open(tab, search)
        assert _focused(tab) == "summary in disclosure disclosure--search"
        # Opened from the keyboard: the same.
        tab.keyboard.press("Enter")
        assert _is_open(tab, search)
        assert _focus_moves_to_search(tab), _focused(tab)
        tab.keyboard.press("Escape")

        # The phone menu: Escape closes it from its toggle or from a link inside it.
        tab.locator(f"{menu} summary").click()
        assert _is_open(tab, menu)
        tab.keyboard.press("Escape")
        assert not _is_open(tab, menu)
        assert _focused(tab) == "summary in disclosure disclosure--menu"
        tab.keyboard.press("Enter")
        tab.keyboard.press("Tab")
        assert _focused(tab) == "a in disclosure disclosure--menu"
        tab.keyboard.press("Escape")
        assert not _is_open(tab, menu)
        assert _focused(tab) == "summary in disclosure disclosure--menu"

    with tab_of(browser, {"width": 1280, "height": 900}) as tab:
        tab.goto(site + "/")
        tab.locator(f"{search} summary").click()
        assert _focus_moves_to_search(tab), _focused(tab)
        tab.keyboard.press("Escape")
        assert not _is_open(tab, search)


# Video page ---------------------------------------------------------------------------


def test_video_page_without_javascript_speaks_of_the_link_not_of_a_button(site, browser):
    with tab_of(browser, PHONE, java_script_enabled=False) as tab:
        tab.goto(site + first_video())
        player = tab.locator("#lecteur")
        shown = player.inner_text()
        assert "Lire la vidéo" not in shown, shown
        assert "Voir la vidéo sur YouTube" in shown
        assert "qui peut déposer des cookies quand vous suivez le lien" in shown
    with tab_of(browser, PHONE) as tab:
        tab.goto(site + first_video())
        player = tab.locator("#lecteur")
        assert tab.get_by_role("button", name="Lire la vidéo", exact=False).is_visible()
        shown = player.inner_text()
        assert "Lire la vidéo ici charge le lecteur de YouTube" in shown
        assert "quand vous suivez le lien" not in shown


# A call's thanks page -----------------------------------------------------------------


def test_call_follow_link_is_copied_with_the_sites_copy_button(site, browser):
    with tab_of(browser, PHONE, permissions=["clipboard-read", "clipboard-write"]) as tab:
        send_answer(tab, site)
        field = tab.locator("#follow-link")
        follow_url = field.input_value()
        assert "/suivi/" in follow_url
        button = tab.get_by_role("button", name="Copier le lien")
        assert button.is_visible()
        button.click()
        tab.get_by_text("Lien copié.").wait_for()
        assert tab.evaluate("navigator.clipboard.readText()") == follow_url
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{width} px de large"
