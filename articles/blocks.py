"""The article body: the shared blocks; footnote calls are written « [n] » in paragraphs."""

from fabrique.core.blocks import BaseStreamBlock


class ArticleStreamBlock(BaseStreamBlock):
    """Kept as its own class so articles can gain blocks without touching other apps."""
