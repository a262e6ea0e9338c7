"""A call names the dossier it feeds (docs/architecture.md « Une relation, un seul endroit »:
the call holds the link); readers see where the selected actions will appear, once that
dossier is published."""

from django.test import Client

from dossiers.factories import DossierPageFactory
from fabrique.demo.site import publish
from tests.html import soup_of


def test_the_call_points_to_the_dossier_it_feeds(open_call, site_tree):
    dossier = DossierPageFactory(
        parent=site_tree["sections"]["dossiers"], title="Déserts médicaux", live=False
    )
    open_call.dossier = dossier
    publish(open_call)
    # While the dossier is a draft, the call says nothing of it.
    assert soup_of(Client().get(open_call.url)).select_one(".call__dossier") is None

    publish(dossier)
    line = soup_of(Client().get(open_call.url)).select_one(".call__dossier")
    assert "Déserts médicaux" in line.get_text()
    assert line.a["href"] == dossier.url
