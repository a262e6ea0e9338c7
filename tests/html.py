"""Reading rendered pages in tests: one parser, shared by every test module."""

from bs4 import BeautifulSoup


def soup_of(response) -> BeautifulSoup:
    """The response's HTML as a tree to query like a reader (or a screen reader) would."""
    return BeautifulSoup(response.content.decode(), "html.parser")


def plain(text: str) -> str:
    """The text with the site's no-break spaces read as spaces: for tests about the words
    shown, not about French spacing (which ``tests/core/test_typography.py`` checks)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")
