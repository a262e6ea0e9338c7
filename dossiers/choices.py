"""The fixed lists of the dossiers app: the kinds of bibliography entry.

As in the other apps (``events.choices``, ``podcasts.choices``): the models, the citations,
the demo and the factories read them from one place. Choices are written out in the
migrations, so moving one here changes no table.
"""

from django.db import models
from django.utils.translation import gettext_lazy


class EntryKind(models.TextChoices):
    ARTICLE = "article", gettext_lazy("article")
    BOOK = "ouvrage", gettext_lazy("ouvrage")
    REPORT = "rapport", gettext_lazy("rapport")
    WEB_PAGE = "page_web", gettext_lazy("page web")
    LAW = "texte_de_loi", gettext_lazy("texte de loi")
