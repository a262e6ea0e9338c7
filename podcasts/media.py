"""What podcast apps require of a podcast's files: square art of the right size, absolute addresses.

Shows and episodes share the art rule; the audio library, the pages and the feed share
the address rule. Kept out of the models so the feed reads them without the models.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COVER_MIN, COVER_MAX = 1400, 3000


def validate_cover(image) -> None:
    """Apple's rule for show art: square, between 1400 and 3000 pixels a side."""
    if image is None:
        return
    if image.width != image.height or not COVER_MIN <= image.width <= COVER_MAX:
        raise ValidationError(
            _(
                "La pochette doit être carrée, entre %(min)s et %(max)s pixels de côté "
                "(celle-ci fait %(width)s × %(height)s)."
            )
            % {"min": COVER_MIN, "max": COVER_MAX, "width": image.width, "height": image.height}
        )
