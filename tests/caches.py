"""Every cache alias emptied at once: the shared one, Wagtail's renditions, readers' memos."""

from django.core.cache import caches


def clear_all_caches() -> None:
    for alias in caches:
        caches[alias].clear()
