"""Structural accessibility checks run on every rendered page (RGAA / WCAG 2.1 AA).

They catch what HTML alone tells: language, title, one h1, no skipped heading level,
landmarks, a working skip link, alt on every image, a label for every field, unique
ids, no inline script, style or event handler (strict CSP). Colour contrast and
focus order need a real browser and are not checked here.
"""

from bs4 import BeautifulSoup

FIELD_TYPES_WITHOUT_LABEL = {"hidden", "submit", "button", "reset", "image"}


def check_page(html: str) -> list[str]:
    """Return the problems found; an empty list means the page passed."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    html_tag = soup.find("html")
    if not html_tag or html_tag.get("lang") != "fr":
        problems.append('<html> doit avoir lang="fr"')
    if not soup.title or not soup.title.get_text(strip=True):
        problems.append("<title> manquant ou vide")
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"un seul <h1> attendu, {len(h1s)} trouvés")
    previous = 0
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        level = int(heading.name[1])
        if previous and level > previous + 1:
            problems.append(
                f"niveau de titre sauté : h{previous} puis {heading.name} ({heading.get_text(strip=True)[:40]})"
            )
        previous = level
    for landmark in ("header", "nav", "main", "footer"):
        if not soup.find(landmark):
            problems.append(f"repère <{landmark}> manquant")
    main = soup.find("main")
    skip = soup.find("a", class_="skip-link")
    if not skip or not main or skip.get("href") != f"#{main.get('id')}":
        problems.append("le lien d'évitement doit mener au <main>")
    for img in soup.find_all("img"):
        if img.get("alt") is None:
            problems.append(f"image sans attribut alt : {img.get('src')}")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"identifiants en double : {sorted(duplicates)}")
    labelled = {label.get("for") for label in soup.find_all("label")}
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.name == "input" and field.get("type", "text") in FIELD_TYPES_WITHOUT_LABEL:
            continue
        if field.get("id") in labelled or field.get("aria-label") or field.find_parent("label"):
            continue
        problems.append(f"champ sans étiquette : {field.get('name')}")
    for link in soup.find_all("a"):
        if (
            not link.get_text(strip=True)
            and not link.get("aria-label")
            and not link.find("img", alt=True)
        ):
            problems.append(f"lien sans intitulé : {link.get('href')}")
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") != "application/ld+json":
            problems.append("script en ligne (incompatible avec une CSP stricte)")
    for tag in soup.find_all(True):
        if tag.has_attr("style"):
            problems.append(f"attribut style sur <{tag.name}>")
        if any(attr.startswith("on") for attr in tag.attrs):
            problems.append(f"gestionnaire d'événement en ligne sur <{tag.name}>")
    return problems


def assert_accessible(response) -> None:
    __tracebackhide__ = True
    problems = check_page(response.content.decode())
    assert not problems, "\n".join(problems)
