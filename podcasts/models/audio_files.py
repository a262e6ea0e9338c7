"""The audio library: one sound per row, its duration, size and type read from the file."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import PreviewableMixin
from wagtail.search import index

from fabrique.web.site_url import public_url

from ..audio import format_duration, inspect_audio


class AudioFile(PreviewableMixin, index.Indexed, models.Model):
    """One sound of the library: an uploaded file, or (imported) a file left at its host.

    Duration, size and MIME type are read from the file itself when it is uploaded;
    nobody types them, so the feed's ``enclosure`` length is always exact.
    """

    title = models.CharField(
        _("titre"),
        max_length=255,
        help_text=_("Sert à retrouver le son dans l'administration ; jamais affiché sur le site."),
    )
    file = models.FileField(
        _("fichier son"),
        upload_to="podcasts/audio/",
        blank=True,
        help_text=_("MP3 de préférence (lu partout), ou M4A, Ogg, Opus, FLAC, WAV."),
    )
    external_url = models.URLField(
        _("adresse externe"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Son laissé chez son ancien hébergeur (import). Son domaine doit figurer dans "
            "FABRIQUE_EXTRA_MEDIA_ORIGINS pour être lu sur le site."
        ),
    )
    source_url = models.URLField(
        _("adresse d'origine"), max_length=1000, blank=True, editable=False, db_index=True
    )
    mime_type = models.CharField(_("type"), max_length=50, blank=True, editable=False)
    duration = models.PositiveIntegerField(_("durée (secondes)"), null=True, editable=False)
    size = models.PositiveBigIntegerField(_("taille (octets)"), null=True, editable=False)
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("file")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("son")
        verbose_name_plural = _("sons")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self._read_new_file()
        super().save(*args, **kwargs)

    def _read_new_file(self) -> None:
        """Fill type, duration and size from a file just uploaded, and name it by its kind."""
        if not self.file or getattr(self.file, "_committed", True):
            return
        info = inspect_audio(self.file.file)
        self.mime_type, self.duration, self.size = info.mime_type, info.duration, info.size
        stem = slugify(self.title or self.file.name.rsplit(".", 1)[0])[:60] or "son"
        # The stored name follows the content: the media view types files by extension.
        self.file.name = f"{stem}.{info.extension}"

    def clean(self):
        super().clean()
        if not self.file and not self.external_url:
            raise ValidationError({"file": _("Envoyez un fichier son.")})
        try:
            self._read_new_file()
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None

    @property
    def url(self) -> str:
        return self.file.url if self.file else self.external_url

    def get_full_url(self, request=None) -> str:
        return public_url(self.url, request=request)

    @property
    def duration_display(self) -> str:
        return format_duration(self.duration)

    def get_preview_template(self, request, mode_name):
        # The episode page's player, so the sound is heard as readers will hear it.
        return "podcasts/audio_file_preview.html"
