"""Admin of the video series (« émissions »), edited as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from fabrique.core.admin_labels import AddLabel, ChooserTexts

from .models import VideoSeries


class VideoSeriesChooserViewSet(ChooserTexts):
    choose_one_text = _("Choisir une émission")
    choose_another_text = _("Choisir une autre émission")
    edit_item_text = _("Modifier l'émission")


class VideoSeriesViewSet(AddLabel):
    model = VideoSeries
    chooser_viewset_class = VideoSeriesChooserViewSet
    add_item_label = _("Ajouter une émission")


register_snippet(VideoSeriesViewSet)
