import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    slug = "accueil"
    tagline = "Le média pour refaçonner le soin"
    intro = "<p>Un média associatif géré par des soignant·es et des patient·es.</p>"

    class Meta:
        model = HomePage
