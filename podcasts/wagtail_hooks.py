"""The audio library in the admin: a snippet with Wagtail's chooser, under « Sons »."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet

from fabrique.core.admin_labels import AddLabel, ChooserTexts

from .models import AudioFile


class AudioFileChooserViewSet(ChooserTexts):
    choose_one_text = _("Choisir un son")
    choose_another_text = _("Choisir un autre son")
    edit_item_text = _("Modifier le son")


class AudioFileViewSet(AddLabel):
    model = AudioFile
    chooser_viewset_class = AudioFileChooserViewSet
    add_item_label = _("Ajouter un son")
    icon = "media"
    menu_label = _("Sons")
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("duration_display", label=_("Durée")),
        Column("mime_type", label=_("Format")),
        "created_at",
    ]
    search_fields = ["title"]
    # Searched in the table itself: the search backend cannot sort its results by a column
    # (a search then a click on a column heading answered 500) nor, on SQLite, restrict a
    # search to a field.
    search_backend_name = None
    ordering = ["-created_at"]


register_snippet(AudioFileViewSet)
