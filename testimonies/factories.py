import wagtail_factories

from .models import TestimonyIndexPage


class TestimonyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Vos histoires"
    slug = "vos-histoires"

    class Meta:
        model = TestimonyIndexPage
