"""Reading rendered pages in tests: one parser, shared by every test module."""

from bs4 import BeautifulSoup


def soup_of(response) -> BeautifulSoup:
    """The response's HTML as a tree to query like a reader (or a screen reader) would."""
    return BeautifulSoup(response.content.decode(), "html.parser")
