import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    slug = "accueil"
    intro = "<p>Un média associatif géré par des soignant·es et des patient·es.</p>"

    class Meta:
        model = HomePage
