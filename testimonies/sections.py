"""The "Vos histoires" section as declared to ``fabrique.core.sections``."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section
from fabrique.jobs.scheduler import Job, register_job
from fabrique.search.kinds import SearchKind, register_search_kind

from .models import Testimony, TestimonyIndexPage

HOME_TESTIMONIES = 3


def render_home(request, page) -> str:
    """The latest published quotes and the call to tell one's story; empty with no index page."""
    index = TestimonyIndexPage.objects.live().public().first()
    if index is None:
        return ""
    testimonies = list(Testimony.objects.published().order_by("-published_at")[:HOME_TESTIMONIES])
    return render_to_string(
        "testimonies/includes/home_section.html",
        {"testimonies": testimonies, "index": index, "page": index, "request": request},
        request=request,
    )


register_section(
    Section(
        key="testimonies",
        label=_("Vos histoires"),
        index_factory="testimonies.factories.TestimonyIndexPageFactory",
        title="Vos histoires",
        slug="vos-histoires",
        intro="<p>Patient·es, soignant·es, aidant·es : vous racontez votre relation au soin.</p>",
        menu_order=40,
        demo="testimonies.demo.seed",
        home="testimonies.sections.render_home",
    )
)

# The privacy notice's retention periods hold only if the purge runs: once a day.
register_job(Job(name="purge_testimonies", command="purge_testimonies", every=timedelta(days=1)))

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(
        key="temoignages",
        label=_("Témoignages"),
        queryset="testimonies.sections.searchable_testimonies",
        order=40,
    )
)


def searchable_testimonies():
    """What the search may find: published stories only, whose indexed text is public_text
    (the moderators' redacted copy) — never a pending story, never a redacted word."""
    return Testimony.objects.published()
