from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide pieces every content app builds on: base page, Person, settings, blocks."""

    name = "fabrique.core"
    label = "core"
    verbose_name = _("Socle du site")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from fabrique.core.generation import bump
        from fabrique.core.pictures import configure_avif

        configure_avif()

        from fabrique.core.datetime_widget import install as install_datetime_widget

        install_datetime_widget()
        from fabrique.core.renditions import enqueue_renditions

        # Pictures of a published page are made by the task worker, not by its first reader.
        page_published.connect(enqueue_renditions, dispatch_uid="fabrique-page-renditions")
        for signal in (page_published, page_unpublished, post_page_move):
            # Memos readers keep (feeds, banner) are computed again in every worker.
            signal.connect(bump, dispatch_uid=f"fabrique-generation-{signal!r}")
        # The site frame (sites, settings, view restrictions) is loaded again after a change.
        from fabrique.core.frame import connect_frame_signals

        connect_frame_signals(self.get_model("SiteSettings"))
        # Each content app declares its section in its own ``sections.py``.
        from fabrique.core.sections import autodiscover

        autodiscover()
        # Text a feed cannot carry is refused on every text field (fabrique/core/xml_text.py).
        from fabrique.core.xml_text import install_text_validators

        install_text_validators()
