import wagtail_factories

from .models import EventIndexPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Événements"
    slug = "evenements"

    class Meta:
        model = EventIndexPage
