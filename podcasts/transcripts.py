"""Transcripts as editors paste them (WebVTT, SRT or plain text) turned into what readers see.

The stored text is served as it is at the episode's transcript address (podcast apps read
WebVTT and SRT); the page shows the same words as paragraphs, each cue with its time.
"""

import re

from .choices import TranscriptFormat

_TIMING = re.compile(
    r"^\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)


# What the transcript's own address answers, and the type announced in the feed.
MIME_TYPES = {
    TranscriptFormat.TEXT: "text/html",
    TranscriptFormat.VTT: "text/vtt",
    TranscriptFormat.SRT: "application/srt",
}


def parse_cues(text: str, kind: str) -> list[tuple[int | None, str]]:
    """(start in seconds or None, words) for each cue or paragraph of the transcript."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if kind == TranscriptFormat.TEXT:
        return [(None, line.strip()) for line in text.split("\n") if line.strip()]
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        for position, line in enumerate(lines):
            match = _TIMING.match(line)
            if match:
                hours, minutes, seconds, _ms = match.groups()
                start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
                words = " ".join(re.sub(r"<[^>]*>", "", cue) for cue in lines[position + 1 :])
                if words.strip():
                    cues.append((start, words.strip()))
                break
    return cues


def looks_valid(text: str, kind: str) -> bool:
    """A WebVTT file starts with « WEBVTT »; VTT and SRT have at least one timed cue."""
    if kind == TranscriptFormat.VTT and not text.lstrip("\ufeff").startswith("WEBVTT"):
        return False
    return bool(parse_cues(text, kind))
