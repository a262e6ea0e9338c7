"""The public "Témoigner" form: its fields; the guards are shared (fabrique.submissions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fabrique.submissions.guards import PublicSubmissionForm, reject_control_characters

from .choices import Role
from .models import STORY_MAX_LENGTH, department_validator

EMAIL_MAX_LENGTH = 254


class TestimonyForm(PublicSubmissionForm):
    """Every field is labelled and explained; the two consents are separate and unticked.

    The honeypot, the signed one-use time trap and the fingerprint come from
    ``fabrique.submissions.guards``, shared with every public form.
    """

    kind = "testimonies"
    fingerprint_fields = ("title", "story")
    too_fast_message = _(
        "Le formulaire a été envoyé trop vite. Relisez votre témoignage puis envoyez-le à nouveau."
    )

    pseudonym = forms.CharField(
        label=_("Pseudonyme (facultatif)"),
        max_length=60,
        required=False,
        help_text=_("Laissé vide, votre témoignage sera signé « Anonyme »."),
        validators=[reject_control_characters],
        # Identifying inputs: the browser must not offer them to the next person on a
        # shared computer.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=[("", _("Choisissez…")), *Role.choices],
        error_messages={"required": _("Indiquez si vous êtes patient·e, soignant·e, etc.")},
    )
    department = forms.CharField(
        label=_("Département (facultatif)"),
        max_length=3,
        required=False,
        help_text=_("Son numéro, par exemple 33, 2A ou 974."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    title = forms.CharField(
        label=_("Titre de votre histoire"),
        max_length=150,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Donnez un titre à votre histoire."),
            "max_length": _("Le titre ne doit pas dépasser %(limit_value)d caractères."),
        },
    )
    story = forms.CharField(
        label=_("Votre histoire"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=STORY_MAX_LENGTH,
        help_text=_(
            "%(max)s caractères au maximum. Évitez les noms, adresses ou détails permettant de "
            "reconnaître quelqu'un."
        )
        % {"max": "10 000"},
        validators=[reject_control_characters],
        error_messages={
            "required": _("Écrivez votre histoire avant d'envoyer le formulaire."),
            "max_length": _(
                "Votre histoire dépasse %(limit_value)d caractères (elle en compte "
                "%(show_value)d). Raccourcissez-la un peu."
            ),
        },
    )
    email = forms.EmailField(
        label=_("E-mail (facultatif)"),
        required=False,
        # The column holds 254 characters (RFC 5321's limit for a path): longer answered
        # 500 on PostgreSQL and lost the story.
        max_length=EMAIL_MAX_LENGTH,
        help_text=_(
            "Seulement pour vous prévenir de la publication, après confirmation de "
            "l'adresse. Jamais affiché."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."),
            "max_length": _(
                "Cette adresse e-mail dépasse %(limit_value)d caractères (elle en compte "
                "%(show_value)d) : vérifiez-la."
            ),
        },
    )
    consent_publication = forms.BooleanField(
        label=_(
            "J'accepte que La Fabrique des Soignants publie mon témoignage, éventuellement "
            "raccourci, sous mon pseudonyme."
        ),
        error_messages={"required": _("Cochez cette case pour que nous puissions publier.")},
    )
    consent_health_data = forms.BooleanField(
        label=_(
            "J'accepte que mon témoignage, qui peut contenir des données de santé, soit conservé "
            "et lu par l'équipe de modération."
        ),
        error_messages={
            "required": _("Cochez cette case : votre témoignage peut parler de santé.")
        },
    )

    def clean_department(self) -> str:
        """ "2a" is a valid answer: the case is normalised before the validator runs."""
        value = self.cleaned_data.get("department", "").upper()
        if value:
            department_validator(value)
        return value

    def visible_public_fields(self):
        """The fields drawn in order in the template (consents and traps apart)."""
        names = ["pseudonym", "role", "department", "title", "story", "email"]
        return [self[name] for name in names]
