"""The event's admin form: hours read in the event's own time zone, and checks editors need.

Django reads a date-time typed in a form in the admin's current time zone. An event in
Martinique at 18:00 must mean 18:00 in Martinique, so the form shows and reads the hours
in the zone chosen on the event. An all-day event is stored from the first day's midnight
to the midnight after its last day (as calendars do) and shown as its first and last day.
Errors are in French, beside the field they concern, and nothing is saved half-way.
"""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from fabrique.core.embeds import parse_video_url
from fabrique.core.page_forms import PageForm

from .choices import ON_SITE_FORMATS, ONLINE_FORMATS, EventStatus

ONE_DAY = datetime.timedelta(days=1)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "Europe/Paris")
    except (ValueError, KeyError):
        return ZoneInfo("Europe/Paris")


def wall_clock_to_instant(naive: datetime.datetime, zone: ZoneInfo) -> datetime.datetime | None:
    """The instant a local wall-clock time names in ``zone``; None if that hour is skipped.

    On the last Sunday of March, 02:30 does not exist in Paris: rather than silently
    shifting it, the form asks the editor again.
    """
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return aware


class WallClockDateTimeField(forms.DateTimeField):
    """Keeps the typed date-time naive: the form reads it in the event's zone, not the admin's.

    Django's own field would refuse 02:30 on the last Sunday of March even for an event in
    Martinique, where that hour exists. It accepts what the admin's date picker writes (its
    widget's own format, ``12/02/2027 18:30``), the formats of the admin's language, and
    ISO typed by hand (``2027-02-12 18:30``); anything else gets a French message that shows
    the expected form, beside the field.
    """

    def formats(self) -> list[str]:
        widget_format = getattr(self.widget, "format", None)
        accepted = [widget_format] if widget_format else []
        accepted += [fmt for fmt in self.input_formats if fmt not in accepted]
        return accepted

    def invalid(self) -> ValidationError:
        example = datetime.datetime(2027, 2, 12, 18, 30)
        widget_format = getattr(self.widget, "format", None) or "%d/%m/%Y %H:%M"
        return ValidationError(
            _("Date ou heure non reconnue : écrivez-la sous la forme %(example)s.")
            % {"example": example.strftime(widget_format)},
            code="invalid",
        )

    def parse(self, text: str) -> datetime.datetime | None:
        for fmt in self.formats():
            try:
                return datetime.datetime.strptime(text, fmt)
            except (ValueError, TypeError):
                continue
        try:
            return parse_datetime(text)
        except ValueError:
            return None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            result = value
        elif isinstance(value, datetime.date):
            result = datetime.datetime(value.year, value.month, value.day)
        else:
            result = self.parse(str(value).strip())
            if result is None:
                raise self.invalid()
        # The first and last years cannot move by a day or a time zone without overflowing.
        if not datetime.MINYEAR < result.year < datetime.MAXYEAR:
            raise self.invalid()
        if timezone.is_aware(result):
            result = timezone.make_naive(result, timezone.get_current_timezone())
        return result


class TypedDateTimeInput(AdminDateTimeInput):
    """The admin's date picker, leaving in the field what the editor typed.

    When the field loses focus, the picker replaces any text it cannot read in its own
    format with the current date and time: an editor typing ``2027-02-12 18:30`` would
    silently get today's date. The field reads ISO too and answers anything else with a
    message beside it, so the text is left for the form to judge.
    """

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class EventPageForm(PageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            if name in self.fields:
                field = self.fields[name]
                field.__class__ = WallClockDateTimeField
                if isinstance(field.widget, AdminDateTimeInput):
                    field.widget = TypedDateTimeInput(attrs=field.widget.attrs)
        instance = self.instance
        if instance.pk and instance.start and instance.end and not self.is_bound:
            zone = _zone(instance.timezone)
            start = instance.start.astimezone(zone).replace(tzinfo=None)
            end = instance.end.astimezone(zone).replace(tzinfo=None)
            if instance.all_day:
                end = end - ONE_DAY
            # Naive values are shown as they are, not converted to the admin's zone.
            self.initial["start"] = start
            self.initial["end"] = end

    def clean(self):
        cleaned_data = super().clean()
        zone = _zone(cleaned_data.get("timezone"))
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        current = timezone.get_current_timezone()
        all_day = cleaned_data.get("all_day")
        local = {}
        for name, value in (("start", start), ("end", end)):
            if value is None:
                continue
            naive = timezone.make_naive(value, current) if timezone.is_aware(value) else value
            if all_day:
                naive = datetime.datetime.combine(naive.date(), datetime.time())
            local[name] = naive
        if "start" in local and "end" in local:
            if all_day:
                if local["end"] < local["start"]:
                    self.add_error(
                        "end", _("Le dernier jour doit être le premier jour ou un jour suivant.")
                    )
                local["end"] = local["end"] + ONE_DAY
            elif local["end"] <= local["start"]:
                self.add_error("end", _("La fin doit venir après le début."))
        for name, naive in local.items():
            instant = wall_clock_to_instant(naive, zone)
            if instant is None:
                self.add_error(
                    name,
                    _(
                        "Cette heure n'existe pas ce jour-là dans ce fuseau (passage à l'heure "
                        "d'été) : choisissez-en une autre."
                    ),
                )
            elif name not in self.errors:
                cleaned_data[name] = instant

        self._check_place(cleaned_data)
        return cleaned_data

    def _check_place(self, cleaned_data):
        event_format = cleaned_data.get("format")
        moved_online = cleaned_data.get("status") == EventStatus.MOVED_ONLINE
        if event_format in ON_SITE_FORMATS and not moved_online:
            if not cleaned_data.get("venue_name"):
                self.add_error("venue_name", _("Indiquez le lieu d'un événement sur place."))
            if not cleaned_data.get("venue_city"):
                self.add_error("venue_city", _("Indiquez la ville d'un événement sur place."))
        live_url = cleaned_data.get("live_url")
        if live_url and parse_video_url(live_url) is None:
            self.add_error(
                "live_url",
                _(
                    "Adresse non reconnue : collez le lien de la diffusion sur YouTube, Twitch, "
                    "Vimeo ou PeerTube (pour une autre plateforme, utilisez l'adresse "
                    "d'inscription)."
                ),
            )
        online = event_format in ONLINE_FORMATS or moved_online
        missing_url = not live_url and not cleaned_data.get("registration_url")
        if online and missing_url and "live_url" not in self.errors:
            self.add_error(
                "live_url",
                _(
                    "Un événement en ligne a besoin de l'adresse du direct ou de celle de "
                    "l'inscription."
                ),
            )
        latitude, longitude = cleaned_data.get("latitude"), cleaned_data.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Indiquez la latitude et la longitude, ou aucune des deux."),
            )
        if latitude is not None and not -90 <= latitude <= 90:
            self.add_error("latitude", _("La latitude est comprise entre -90 et 90."))
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error("longitude", _("La longitude est comprise entre -180 et 180."))
        return cleaned_data
