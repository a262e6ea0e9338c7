"""The admin's date-and-time picker: minutes in steps of five, and, in the « Programmer »
dialog, a calendar that leaves « Enregistrer la programmation » within reach.

Wagtail's picker lists whole hours only (its default step is 60 minutes): « 18 h 30 » had
to be typed. In the schedule dialog the picker floated over the dialog's lower half, hiding
its save button and the expiry field; it now opens inside the dialog, after the button, so
the dialog scrolls to it and the button never moves under the pointer when it closes.
Typing the date (``WAGTAIL_DATETIME_FORMAT``, e.g. 12/02/2027 18:37) still works.
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateTimeInput

MINUTE_STEP = 5
SCHEDULE_DIALOG = "#schedule-publishing-dialog .w-dialog__content"


class DateTimeInput(AdminDateTimeInput):
    """Wagtail's picker, with minutes every ``MINUTE_STEP``."""

    def get_config(self):
        return {**super().get_config(), "step": MINUTE_STEP}


class ScheduleDateTimeInput(DateTimeInput):
    """For go-live and expiry: the picker lives in the schedule dialog, in its flow."""

    def __init__(self, attrs=None, format=None, time_format=None):
        super().__init__(attrs, format, time_format, js_overlay_parent_selector=SCHEDULE_DIALOG)

    def get_config(self):
        return {**super().get_config(), "className": "fabrique-picker-in-dialog"}


def install() -> None:
    """Every date-time field of the admin gets the five-minute picker."""
    register_form_field_override(models.DateTimeField, override={"widget": DateTimeInput})
