"""Crediting people on the public site: only those whose record is published.

``Person`` has drafts, revisions and the site's review workflow (``models.py``;
docs/accounts-and-rights.md, « Rien de public sans relecture »). A page may name a person
still waiting for review (the chooser lists them, so a Contributeur can write the page and
the person together); every app's getter that credits people (bylines, hosts, guests,
speakers, and through them the JSON-LD and the feeds) passes its list through
``live_people``, so that person appears nowhere public until an Éditeur publishes their
record. The page editor warns about them (``people_admin.py``). Kept free of admin
imports: content apps' models import it.
"""

from collections.abc import Iterable


def live_people(people: Iterable) -> list:
    """The published ones among ``people`` (persons, or credits with a ``person``), in order.

    ``live`` is a column of the row, so a prefetched list is filtered without a query.
    """
    return [item for item in people if getattr(item, "person", item).live]
