import datetime

import factory
import wagtail_factories
from django.utils import timezone

from fabrique.moderation.models import ModerationStatus

from .choices import ActorKind
from .models import (
    CallAnswer,
    CallIndexPage,
    CallPage,
    InspirActionIndexPage,
    InspirActionPage,
)


class CallIndexPageFactory(wagtail_factories.PageFactory):
    title = "Appels à contributions"
    slug = "appels-a-contributions"

    class Meta:
        model = CallIndexPage


class CallPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Appel de démonstration {n}")
    context = "<p>Le contexte de l'appel.</p>"
    organisation = "Fabrique Territoires Santé"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    contact_name = "Romain Talvas"
    contact_email = "contact@example.org"

    class Meta:
        model = CallPage


class InspirActionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Inspir'actions"
    slug = "inspir-actions"

    class Meta:
        model = InspirActionIndexPage


class InspirActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inspir'action {n}")
    organisation = factory.Sequence(lambda n: f"Association {n}")
    actor_kind = ActorKind.ASSOCIATION
    commune = "Guéret"
    department = "23"

    class Meta:
        model = InspirActionPage


class CallAnswerFactory(factory.django.DjangoModelFactory):
    organisation = factory.Sequence(lambda n: f"Centre de santé {n}")
    actor_kind = ActorKind.CMS
    commune = "Saint-Denis"
    department = "93"
    action_what = "Des permanences d'accès aux droits dans le hall du centre."
    contact_name = "Camille Martin"
    email = "camille@example.org"
    phone = "01 23 45 67 89"
    status = ModerationStatus.PENDING
    consent_contact_at = factory.LazyFunction(timezone.now)
    # Most tests follow an answer whose contact already confirmed the address; the
    # unconfirmed case passes email_confirmed_at=None.
    email_confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = CallAnswer
