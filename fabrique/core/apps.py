from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def register_shared_generation_models() -> None:
    """What pages show from outside their own revision, for the shared base's models.

    The site and its settings (header, footer, donation link), view restrictions (who may
    read a page), people, themes, keywords, images and documents. Renditions are left out:
    a reader's visit may make one, and a visit must never start a new generation; an
    image's change (file, focal point) saves the image itself.
    """
    from django.apps import apps
    from django.db.models.signals import post_delete
    from taggit.models import Tag
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    from fabrique.core.generation import bump, register_generation_model
    from fabrique.core.models import Person, Theme

    settings_models = [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
    for model in (
        Site,
        PageViewRestriction,
        Person,
        Theme,
        Tag,
        get_image_model(),
        get_document_model(),
        *settings_models,
    ):
        register_generation_model(model)
    # Deleting a live page already sends page_unpublished; this also covers rows deleted
    # by other means (a subtree's pages, a plain Page).
    post_delete.connect(bump, sender=Page, dispatch_uid="fabrique-generation-page-delete")


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
            # Memos readers keep (feeds, banner, anonymous pages) are computed again in
            # every worker. Deleting a live page sends page_unpublished first (Wagtail).
            signal.connect(bump, dispatch_uid=f"fabrique-generation-{signal!r}")
        register_shared_generation_models()
        # A deployment migrates: pages kept by the previous code's templates go with it.
        from django.db.models.signals import post_migrate

        from fabrique.core.generation import bump_after_migrate

        post_migrate.connect(
            bump_after_migrate, sender=self, dispatch_uid="fabrique-generation-migrate"
        )
        # A CDN in front of the site drops what shows the page, when one is configured.
        from fabrique.core.frontend_cache import purge_page

        for signal in (page_published, page_unpublished):
            signal.connect(purge_page, dispatch_uid=f"fabrique-frontend-cache-{signal!r}")
        # Each content app declares its section in its own ``sections.py``.
        from fabrique.core.sections import autodiscover

        autodiscover()
        # Text a feed cannot carry is refused on every text field (fabrique/core/xml_text.py).
        from fabrique.core.xml_text import install_text_validators

        install_text_validators()
