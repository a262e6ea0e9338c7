"""The home page's « Vidéos » block: the latest replay first, then the latest videos.

The editors' « À voir » picks are chosen on the home page itself (any kind of page);
``VideoPage.is_playable`` lets that list show a « Jouer » affordance for videos.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()

HOME_VIDEOS = 3


def latest_videos(limit: int = HOME_VIDEOS) -> list:
    """The latest replay of a live show, then the newest other videos: two queries + images."""
    from videos.models import VideoPage

    videos = VideoPage.objects.live().public().for_cards()
    latest_replay = videos.replays().first()
    others = videos.exclude(pk=latest_replay.pk) if latest_replay else videos
    picked = [latest_replay] if latest_replay else []
    return picked + list(others[: limit - len(picked)])


def render_home(request, page) -> str:
    """The block the home page shows; "" while there is no video."""
    from videos.models import VideoIndexPage

    videos = latest_videos()
    if not videos:
        return ""
    return render_to_string(
        "videos/includes/home_section.html",
        {
            "videos": videos,
            "index": VideoIndexPage.objects.live().public().first(),
            "request": request,
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def videos_home(context, page=None) -> str:
    return render_home(context.get("request"), page)
