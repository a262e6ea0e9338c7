import datetime

import factory
import wagtail_factories

from fabrique.moderation.models import ModerationStatus

from .choices import Role
from .models import Testimony, TestimonyContact, TestimonyIndexPage


class TestimonyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Vos histoires"
    slug = "vos-histoires"

    class Meta:
        model = TestimonyIndexPage


class TestimonyFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Histoire de démonstration {n}")
    story = "Une histoire inventée pour la démonstration.\nSur deux lignes."
    role = Role.PATIENT
    status = ModerationStatus.PENDING

    class Meta:
        model = Testimony


class TestimonyContactFactory(factory.django.DjangoModelFactory):
    testimony = factory.SubFactory(TestimonyFactory)
    email = "auteur@example.org"
    consent_publication_at = factory.Faker("date_time", tzinfo=datetime.UTC)
    consent_publication_version = "2026-11"
    consent_health_data_at = factory.Faker("date_time", tzinfo=datetime.UTC)
    consent_health_data_version = "2026-11"
    # Confirmed by default, as most stored addresses will be; tests of the unconfirmed
    # case pass email_confirmed_at=None.
    email_confirmed_at = factory.Faker("date_time", tzinfo=datetime.UTC)

    class Meta:
        model = TestimonyContact
