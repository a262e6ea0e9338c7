"""The audio library in the admin: a snippet with Wagtail's chooser, under « Sons »."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AudioFile


class AudioFileViewSet(SnippetViewSet):
    model = AudioFile
    icon = "media"
    menu_label = _("Sons")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "duration_display", "mime_type", "created_at"]
    search_fields = ["title"]
    # Searched in the table itself: the search backend cannot sort its results by a column
    # (a search then a click on a column heading answered 500) nor, on SQLite, restrict a
    # search to a field.
    search_backend_name = None
    ordering = ["-created_at"]


register_snippet(AudioFileViewSet)
