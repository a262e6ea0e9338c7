"""StreamField blocks shared by every kind of content.

Content apps extend ``BaseStreamBlock`` with their own blocks (footnotes, chapters…)
rather than redefining headings, images or quotes.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from fabrique.core.embeds import parse_video_url, validate_video_url, video_player_context

# The features a paragraph offers: formatting that cannot break the page or its outline.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class HeadingBlock(blocks.StructBlock):
    """A section title; only h2 and h3 so the page outline stays valid under the page's h1."""

    text = blocks.CharBlock(label=_("texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("texte alternatif"),
        required=False,
        max_length=250,
        help_text=_("Décrit l'image pour qui ne la voit pas. Vide : la description de l'image."),
    )
    decorative = blocks.BooleanBlock(
        label=_("image décorative"),
        required=False,
        help_text=_(
            "Cochez si l'image n'apporte aucune information (elle sera ignorée des lecteurs d'écran)."
        ),
    )
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("crédit"), required=False, max_length=150)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"

    def clean(self, value):
        """An image says what it shows, or says it shows nothing worth saying.

        The alternative text may come from the block or from the image's description in
        the library; without either, the editor ticks « image décorative » on purpose.
        """
        value = super().clean(value)
        image = value.get("image")
        described = bool((getattr(image, "description", "") or "").strip())
        if image and not (
            value.get("decorative") or value.get("alt_text", "").strip() or described
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Décrivez l'image pour qui ne la voit pas, ou cochez « image "
                            "décorative » si elle n'apporte aucune information."
                        )
                    )
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur ou autrice"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("texte"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Encadré")
        template = "blocks/callout_block.html"


class VideoEmbedBlock(blocks.StructBlock):
    """A YouTube, Vimeo, Dailymotion, PeerTube or Twitch video that loads nothing from the
    provider until the reader asks: a link always, a "Lire la vidéo" button with JavaScript."""

    url = blocks.URLBlock(
        label=_("adresse de la vidéo"),
        help_text=_("YouTube, Vimeo, Dailymotion, PeerTube ou Twitch."),
    )
    title = blocks.CharBlock(
        label=_("titre de la vidéo"),
        max_length=200,
        help_text=_("Annoncé aux lecteurs d'écran et affiché dans le lien."),
    )
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "blocks/video_embed_block.html"

    def clean(self, value):
        value = super().clean(value)
        try:
            validate_video_url(value["url"])
        except ValidationError as error:
            raise blocks.StructBlockValidationError(block_errors={"url": error}) from None
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = parse_video_url(value["url"])
        request = (parent_context or {}).get("request")
        context["video"] = video
        context["player"] = video_player_context(
            video, title=value["title"], request=request, caption=value.get("caption", "")
        )
        return context


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        icon="pilcrow",
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    video = VideoEmbedBlock()
