"""The fiche-type: what a local actor tells of their action, with the shared guards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fabrique.submissions.guards import PublicSubmissionForm, reject_control_characters

from .attachments import MultipleFileField, inspect_uploads, max_bytes, max_count
from .choices import ActorKind, department_validator
from .departments import INPUT_MAX_LENGTH, department_code

LONG_TEXT = 5_000
EMAIL_MAX_LENGTH = 254


def _text(label, *, required=False, max_length=LONG_TEXT, rows=5, help_text="", required_msg=""):
    messages = {
        "max_length": _(
            "Ce texte dépasse %(limit_value)d caractères (il en compte %(show_value)d). "
            "Raccourcissez-le un peu."
        )
    }
    if required_msg:
        messages["required"] = required_msg
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[reject_control_characters],
        error_messages=messages,
    )


def _line(label, *, required=True, max_length=200, required_msg="", autocomplete="", help_text=""):
    messages = {
        "max_length": _("Ce champ ne doit pas dépasser %(limit_value)d caractères."),
    }
    if required_msg:
        messages["required"] = required_msg
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
        validators=[reject_control_characters],
        error_messages=messages,
    )


class AnswerForm(PublicSubmissionForm):
    """Every field labelled; the two consents separate and unticked; files optional."""

    kind = "contributions"
    fingerprint_fields = ("organisation", "action_what", "email")
    too_fast_message = _(
        "Le formulaire a été envoyé trop vite. Relisez votre fiche puis envoyez-la à nouveau."
    )

    organisation = _line(
        _("Nom de votre organisation"),
        required_msg=_("Indiquez le nom de votre organisation."),
        autocomplete="organization",
    )
    actor_kind = forms.ChoiceField(
        label=_("Type d'acteur"),
        choices=[("", _("Choisissez…")), *ActorKind.choices],
        error_messages={
            "required": _("Choisissez le type de votre organisation."),
            "invalid_choice": _("Choisissez un type d'acteur dans la liste."),
        },
    )
    commune = _line(
        _("Commune"), max_length=120, required_msg=_("Indiquez la commune de votre action.")
    )
    # A name or a number: the field takes what people type (« Seine-Saint-Denis » was cut
    # to « Sei » by a three-character limit) and stores the code.
    department = forms.CharField(
        label=_("Département"),
        max_length=INPUT_MAX_LENGTH,
        help_text=_("Son numéro ou son nom, par exemple 93, 2A, 974 ou Seine-Saint-Denis."),
        validators=[reject_control_characters],
        error_messages={
            "required": _("Indiquez le numéro ou le nom du département."),
            "max_length": _("Ce champ ne doit pas dépasser %(limit_value)d caractères."),
        },
    )
    partners = _text(_("Partenaires (facultatif)"), rows=3)
    action_what = _text(
        _("Votre action : en quoi consiste-t-elle ?"),
        required=True,
        rows=8,
        required_msg=_("Décrivez votre action en quelques lignes."),
    )
    action_with = _text(_("Avec qui ? (facultatif)"), rows=3)
    action_for = _text(_("Pour qui ? (facultatif)"), rows=3)
    action_since = _line(_("Depuis quand ? (facultatif)"), required=False, max_length=120)
    results = _text(_("Quels résultats ? (facultatif)"))
    helped = _text(_("Qu'est-ce qui a aidé ? (facultatif)"))
    difficulties = _text(_("Qu'est-ce qui a été difficile ? (facultatif)"))
    contact_name = _line(
        _("Personne à contacter"),
        max_length=150,
        required_msg=_("Indiquez le nom de la personne à contacter."),
        autocomplete="name",
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("Pour vous tenir au courant de la suite donnée à votre fiche. Jamais publié."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez une adresse e-mail pour que nous puissions vous répondre."),
            "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."),
            "max_length": _(
                "Cette adresse e-mail dépasse %(limit_value)d caractères (elle en compte "
                "%(show_value)d) : vérifiez-la."
            ),
        },
    )
    phone = forms.RegexField(
        label=_("Téléphone (facultatif)"),
        required=False,
        max_length=30,
        regex=r"\A\+?[0-9 .()-]{6,30}\Z",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={
            "invalid": _("Saisissez un numéro de téléphone, par exemple 07 78 13 56 37."),
        },
    )
    attachments = MultipleFileField(
        label=_("Documents joints (facultatif)"),
        required=False,
        help_text=_(
            "PDF, DOCX ou ODT ; %(count)d fichiers au plus, %(size)d Mo chacun. Ils ne sont lus "
            "que par l'équipe qui examine les réponses."
        )
        % {"count": max_count(), "size": max_bytes() // (1024 * 1024)},
    )
    consent_contact = forms.BooleanField(
        label=_("J'accepte d'être contacté·e au sujet de cette fiche."),
        error_messages={"required": _("Cochez cette case pour que nous puissions vous répondre.")},
    )
    consent_publication = forms.BooleanField(
        label=_(
            "J'accepte que mon action soit présentée sous forme d'Inspir'action, sans mes "
            "coordonnées (facultatif)."
        ),
        required=False,
    )

    def inspect_files(self) -> None:
        """Read what each attached file is (bounded): called by the sending flow only once
        the call is open, the client under its limit and the start token good."""
        uploads = self.cleaned_data.get("attachments") or []
        if uploads and self.start_nonce is None:
            # No valid signed token (even with the time trap turned off): no file is read.
            self.refuse_start_token(self.expired_message, code="expired")
            return
        accepted, errors = inspect_uploads(uploads)
        if errors:
            self.add_error("attachments", errors)
        else:
            self.cleaned_data["attachments"] = accepted

    def clean_department(self) -> str:
        """The code of the département typed as a number (« 93 », « 2a ») or a name."""
        value = self.cleaned_data.get("department", "")
        code = department_code(value)
        if code is None:
            if value.strip() == "20":
                raise forms.ValidationError(
                    _(
                        "Indiquez un numéro de département : la Corse en a deux, 2A "
                        "(Corse-du-Sud) et 2B (Haute-Corse)."
                    ),
                    code="invalid",
                )
            raise forms.ValidationError(
                _(
                    "Indiquez un numéro de département (par exemple 93, 2A ou 974) ou son nom "
                    "(par exemple Seine-Saint-Denis)."
                ),
                code="invalid",
            )
        department_validator(code)
        return code

    def text_fields(self):
        """The fields drawn in order in the template, grouped by fieldset."""
        groups = [
            (_("Votre organisation"), ["organisation", "actor_kind", "commune", "department"]),
            (
                _("Votre action"),
                [
                    "action_what",
                    "partners",
                    "action_with",
                    "action_for",
                    "action_since",
                    "results",
                    "helped",
                    "difficulties",
                ],
            ),
            (_("Vos coordonnées"), ["contact_name", "email", "phone"]),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in groups]
