"""Small pieces with sharp edges: WebVTT check, durations, time codes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fabrique.core.embeds import duration_display, iso_duration, parse_timecode
from videos.validators import validate_webvtt


@pytest.mark.parametrize(
    "content",
    [b"WEBVTT\n\n00:01.000 --> 00:04.000\nBonjour", b"\xef\xbb\xbfWEBVTT - titre\n", b"WEBVTT"],
)
def test_webvtt_accepted_by_its_content(content):
    validate_webvtt(SimpleUploadedFile("sous-titres.txt", content))


@pytest.mark.parametrize(
    "content",
    [
        b"1\n00:00:01,000 --> 00:00:04,000\nBonjour",  # SubRip renamed .vtt
        b"WEBVTTX\n",
        b"WEBVTT\n\xff\xfe caf\xe9",  # not UTF-8
        b"",
    ],
)
def test_anything_else_is_refused_in_french(content):
    with pytest.raises(ValidationError, match="pas au format WebVTT"):
        validate_webvtt(SimpleUploadedFile("sous-titres.vtt", content))


@pytest.mark.parametrize(
    ("seconds", "display", "iso"),
    [
        (3723, "1 h 02 min", "PT1H2M3S"),
        (750, "12 min 30 s", "PT12M30S"),
        (600, "10 min", "PT10M"),
        (45, "45 s", "PT45S"),
        (None, "", ""),
    ],
)
def test_durations(seconds, display, iso):
    assert duration_display(seconds) == display
    assert iso_duration(seconds) == iso


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("90", 90), ("90s", 90), ("1m30s", 90), ("1h02m03s", 3723), ("1:02:03", 3723), ("12:30", 750)],
)
def test_timecodes(value, seconds):
    assert parse_timecode(value) == seconds


@pytest.mark.parametrize("value", ["", "abc", "1:2:3:4", "-5", "1h-2m"])
def test_unreadable_timecodes(value):
    assert parse_timecode(value) is None


def test_webvtt_read_in_pieces_keeps_a_character_cut_between_two_pieces():
    # « é » (two bytes) straddles the end of the first 64 KB piece read.
    head = b"WEBVTT\n\n00:01.000 --> 00:04.000\n"
    content = head + b"a" * (64 * 1024 - len(head) - 1) + "été".encode() + b"\n"
    validate_webvtt(SimpleUploadedFile("sous-titres.vtt", content))


def test_webvtt_with_bad_bytes_far_from_its_start_is_refused():
    content = b"WEBVTT\n\n" + b"a" * (1024 * 1024) + b"\xff\n"
    with pytest.raises(ValidationError, match="pas au format WebVTT"):
        validate_webvtt(SimpleUploadedFile("sous-titres.vtt", content))
