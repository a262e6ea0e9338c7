"""Minimal valid admin form data for every page type of the project, as an editor types it.

Wagtail's automatic form data (read back from the edit page's HTML) cannot fill a
StreamField, so each page type has its builder here, named after the model. A page type
without one fails ``tests/core/test_every_page_type_in_admin.py``: add it here the day it
lands. ``Things`` holds the few rows the forms point to (an image, a sound, a cover).
"""

import datetime
from dataclasses import dataclass

from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def admin_date(value: datetime.date) -> str:
    """A day as the admin's date picker writes it in its field (``WAGTAIL_DATE_FORMAT``)."""
    return AdminDateInput().format_value(value)


def admin_datetime(value: datetime.datetime) -> str:
    """A date and hour as the admin's picker writes them (``WAGTAIL_DATETIME_FORMAT``)."""
    return AdminDateTimeInput().format_value(value)


def admin_time(value: datetime.time) -> str:
    """An hour as the admin's time picker writes it (``WAGTAIL_TIME_FORMAT``)."""
    return AdminTimeInput().format_value(value)


PROMOTE = {"seo_title": "", "search_description": "", "listing_summary": "Un résumé."}


@dataclass
class Things:
    """Rows a form may need to point to, made once per test class."""

    audio: object = None
    cover: object = None

    @classmethod
    def make(cls):
        from podcasts.factories import AudioFileFactory, make_cover_image

        return cls(audio=AudioFileFactory(title="Son de test"), cover=make_cover_image("Pochette"))


def _index(things) -> dict:
    return {"intro": rich_text("<p>Une introduction.</p>")}


def _home(things) -> dict:
    return {
        "intro": rich_text("<p>Une introduction.</p>"),
        "welcome": rich_text("<p>Bienvenue.</p>"),
        "donate_heading": "Soutenez-nous",
        "donate_text": "Merci.",
        "featured_items": inline_formset([]),
        "home_sections": inline_formset([]),
    }


def _standard(things) -> dict:
    return {
        "intro": rich_text("<p>Un chapô.</p>"),
        "body": streamfield([("paragraph", rich_text("<p>Un paragraphe.</p>"))]),
    }


def _article(things) -> dict:
    return {
        "standfirst": "Un chapô.",
        "hero_image": "",
        "hero_caption": "",
        "hero_credit": "",
        "date": admin_date(datetime.date(2026, 3, 2)),
        "rubric": "",
        "tags": "",
        "authors": inline_formset([]),
        "body": streamfield([("paragraph", rich_text("<p>Un paragraphe.</p>"))]),
        "footnotes": inline_formset([]),
    }


def _video(things) -> dict:
    return {
        "source_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "summary": "Un résumé.",
        "poster": "",
        "kind": "entretien",
        "series": "",
        "duration": "12:30",
        "recorded_on": admin_date(datetime.date(2026, 2, 14)),
        "tags": "",
        "transcript": rich_text("<p>Ce qui est dit.</p>"),
        "credits": inline_formset([]),
        "chapters": inline_formset([]),
        "body": streamfield([]),
    }


def _show(things) -> dict:
    return {
        "description": "Une émission.",
        "cover_image": str(things.cover.pk),
        "hosts": inline_formset([]),
        "category": "Health & Fitness/Medicine",
        "show_type": "episodic",
        "language": "fr",
        "author": "La Fabrique des Soignants",
        "copyright": "",
        "owner_name": "La Fabrique des Soignants",
        "owner_email": "",
        "previous_feed_url": "",
        "new_feed_url": "",
        "feed_locked": "on",
    }


def _episode(things) -> dict:
    return {
        "summary": "Un résumé.",
        "audio": str(things.audio.pk),
        "publication_date": admin_datetime(datetime.datetime(2026, 4, 7, 6)),
        "season": "",
        "episode_number": "1",
        "episode_type": "full",
        "cover_image": "",
        "guests": inline_formset([]),
        "show_notes": streamfield([]),
        "chapters": inline_formset([]),
        "transcript_format": "text",
        "transcript": "Une transcription.",
    }


def _event(things) -> dict:
    return {
        "summary": "Un chapô.",
        "start": admin_datetime(datetime.datetime(2030, 6, 3, 18)),
        "end": admin_datetime(datetime.datetime(2030, 6, 3, 20)),
        "timezone": "Europe/Paris",
        "format": "en-ligne",
        "status": "prevu",
        "venue_name": "",
        "venue_address": "",
        "venue_postcode": "",
        "venue_city": "",
        "venue_department": "",
        "latitude": "",
        "longitude": "",
        "live_url": "https://www.twitch.tv/lafabriquedessoignants",
        "registration_url": "",
        "price": "",
        "organiser_name": "La Fabrique des Soignants",
        "organiser_email": "",
        "step_free_access": "",
        "access_contact": "",
        "tags": "",
        "speakers": inline_formset([]),
        "body": streamfield([]),
        "replay": "",
        "replay_url": "",
    }


def _call(things) -> dict:
    return {
        "standfirst": "Un chapô.",
        "context": rich_text("<p>Le contexte de l'appel.</p>"),
        "notes": inline_formset([]),
        "questions": inline_formset([{"text": "Qu'avez-vous fait ?"}]),
        "opens_at": admin_datetime(datetime.datetime(2026, 1, 1, 9)),
        "closes_at": admin_datetime(datetime.datetime(2030, 12, 31, 18)),
        "organisation": "La Fabrique des Soignants",
        "organisation_url": "",
        "organisation_about": rich_text(""),
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "form_intro": rich_text(""),
        "after_close": rich_text(""),
        "dossier": "",
    }


def _inspir_action(things) -> dict:
    return {
        "standfirst": "En bref.",
        "organisation": "Maison de santé de Saint-Amand",
        "actor_kind": "msp",
        "commune": "Saint-Amand",
        "department": "18",
        "website": "",
        "partners": "",
        "target_public": "",
        "since": "2021",
        "actions": rich_text("<p>Ce qui a été fait.</p>"),
        "results": rich_text(""),
        "helped": "",
        "difficulties": "",
        "call": "",
    }


def _dossier(things) -> dict:
    return {
        "introduction": rich_text("<p>Un dossier.</p>"),
        "theme": "",
        "updated_on": admin_date(datetime.date(2026, 1, 20)),
        "document": "",
        "state_of_play": streamfield([]),
        "items": inline_formset([]),
        "footnotes": inline_formset([]),
        "bibliography": inline_formset([]),
        "related_links": inline_formset([]),
    }


BUILDERS = {
    "HomePage": _home,
    "StandardPage": _standard,
    "ArticleIndexPage": _index,
    "ArticlePage": _article,
    "VideoIndexPage": _index,
    "VideoPage": _video,
    "PodcastIndexPage": _index,
    "PodcastShowPage": _show,
    "EpisodePage": _episode,
    "TestimonyIndexPage": _index,
    "EventIndexPage": _index,
    "EventPage": _event,
    "CallIndexPage": _index,
    "CallPage": _call,
    "InspirActionIndexPage": _index,
    "InspirActionPage": _inspir_action,
    "DossierIndexPage": _index,
    "DossierPage": _dossier,
}


def page_form_data(model, things: Things, title: str, slug: str) -> dict:
    """The POST body of ``model``'s add or edit form, nested as Wagtail's views read it."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "comments": inline_formset([]),
            **PROMOTE,
            **BUILDERS[model.__name__](things),
        }
    )


# Snippets and settings, as their admin forms send them. A slug left empty is what the
# form sends when the editor does not touch it: the name gives it on save.


def _person(things) -> dict:
    return {
        "name": "Nadia Benali",
        "slug": "",
        "role": "infirmière",
        "bio": rich_text("<p>Vingt ans aux urgences.</p>"),
        # A chooser puts the chosen object's pk in its hidden input.
        "photo": str(things.cover.pk),
        "website": "",
        "social_url": "",
    }


def _name_and_slug(name: str):
    def build(things) -> dict:
        return {"name": name, "slug": ""}

    return build


def _video_series(things) -> dict:
    return {"name": "Les entretiens du soin", "slug": "", "description": "Des entretiens."}


def _site_settings(things) -> dict:
    from fabrique.standard.models import StandardPage

    return {
        "tagline": "Le média pour refaçonner le soin",
        "contact_email": "contact@example.org",
        "donate_page": str(StandardPage.objects.order_by("pk").first().pk),
        "donation_url": "https://www.helloasso.com/associations/la-fabrique-des-soignants",
        "twitch_url": "",
        "youtube_url": "",
        "instagram_url": "",
        "linkedin_url": "",
    }


def _sound(things) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from podcasts.factories import make_tone_mp3

    return {
        "title": "Générique",
        "file": SimpleUploadedFile("generique.mp3", make_tone_mp3(1.0), "audio/mpeg"),
    }


SNIPPET_BUILDERS = {
    "core.Person": _person,
    "core.Theme": _name_and_slug("Santé des soignant·es"),
    "articles.Rubric": _name_and_slug("Reportage"),
    "videos.VideoSeries": _video_series,
    "podcasts.AudioFile": _sound,
    "core.SiteSettings": _site_settings,
}


def snippet_form_data(label: str, things: Things) -> dict:
    """The POST body of the add or edit form of the snippet or setting ``label``."""
    return nested_form_data(SNIPPET_BUILDERS[label](things))
