"""The moderators' edit form: identifying details shown per field, redacted in one step.

Every field that can be published (title, pseudonym, quote, published text) is checked,
and so is the original story the published text is made from. Moderators edit the public
values in place: title, pseudonym and quote are public as they stand; the original story
stays read-only and the published text is the moderated copy of it.

Detection (patterns and a language model) runs on moderators' paths only, when a story
is opened or published, and its result is stored with the story so it runs once per
version of the texts. It reads the texts normalised (no hidden character), and the
moderators' own edits are normalised the same way before anything checks them.

The pseudonym is public by choice, so the model's guesses that are the pseudonym are not
flagged; when a redaction would leave no pseudonym (an e-mail address typed as one), the
story is signed « Anonyme »: the form says so beside the pseudonym and the redaction
checkbox before anything is saved, and the confirmation message says so again after.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import Panel

from fabrique.moderation.actions import log_redaction
from fabrique.moderation.forms import ModeratedSubmissionAdminForm
from fabrique.moderation.models import ModerationStatus
from fabrique.web.normalise import normalise_field_input

from .models import signs_anonymously
from .pii import detect_with_cache, find_identifying_details, highlight_html, redact

# Every text detection runs on, in the order moderators read them.
DETECTED_FIELDS = ("title", "pseudonym", "quote", "story", "published_text")
FIELD_LABELS = {
    "title": _("Titre"),
    "pseudonym": _("Pseudonyme"),
    "quote": _("Citation mise en avant"),
    "story": _("Témoignage d'origine"),
    "published_text": _("Texte publié"),
}
# Public as written; the published text is redacted from itself or from the story.
REDACTED_IN_PLACE = ("title", "pseudonym", "quote")


def detected_details(testimony, save: bool = True) -> dict:
    """Matches per field for ``testimony``'s current texts, computed once per version.

    With ``save``, a new result is written to the story's row at once (an UPDATE, so no
    signal fires and nothing else of the row changes).
    """
    texts = {field: getattr(testimony, field) or "" for field in DETECTED_FIELDS}
    found, new = detect_with_cache(
        testimony.identifying_details, texts, public_names=(texts["pseudonym"],)
    )
    if new is not None:
        testimony.identifying_details = new
        if save and testimony.pk is not None:
            type(testimony).objects.filter(pk=testimony.pk).update(identifying_details=new)
    return found


def public_fields(texts: dict) -> list[str]:
    """The fields a reader will see: the published text, else the original story."""
    body = "published_text" if (texts.get("published_text") or "").strip() else "story"
    return [*REDACTED_IN_PLACE, body]


def unreviewed_details(testimony, texts: dict | None = None) -> list[tuple[str, list[str]]]:
    """(field label, passages) still in a public field and not confirmed as read.

    ``texts`` are the values about to be saved (the edit form); by default the story's.
    """
    if texts is None:
        found = detected_details(testimony)
        texts = {field: getattr(testimony, field) or "" for field in DETECTED_FIELDS}
    else:
        public_names = (texts.get("pseudonym") or "",)
        found = {
            field: find_identifying_details(texts.get(field) or "", public_names) for field in texts
        }
    reviewed = (testimony.identifying_details or {}).get("reviewed", {})
    listed = []
    for field in public_fields(texts):
        passages = []
        for match in found.get(field, []):
            if match.text not in reviewed.get(field, []) and match.text not in passages:
                passages.append(match.text)
        if passages:
            listed.append((field, passages))
    return listed


def describe(listed) -> str:
    return " ; ".join(
        f"{FIELD_LABELS[field]} : " + ", ".join(f"« {passage} »" for passage in passages)
        for field, passages in listed
    )


def mark_reviewed(testimony, listed) -> None:
    """Remember the passages a moderator confirmed, so they are not asked about again."""
    stored = dict(testimony.identifying_details or {})
    reviewed = {field: list(values) for field, values in stored.get("reviewed", {}).items()}
    for field, passages in listed:
        reviewed.setdefault(field, [])
        reviewed[field] += [p for p in passages if p not in reviewed[field]]
    stored["reviewed"] = reviewed
    testimony.identifying_details = stored


class TestimonyAdminForm(ModeratedSubmissionAdminForm):
    redact_details = forms.BooleanField(
        label=_("Caviarder les détails identifiants"),
        required=False,
        help_text=_(
            "Remplace par « […] » chaque passage surligné dans le titre, le pseudonyme, "
            "la citation et le texte publié (tiré du texte d'origine si le texte publié "
            "est vide). Le texte d'origine reste intact."
        ),
    )
    details_reviewed = forms.BooleanField(
        label=_("J'ai relu ces passages"),
        required=False,
        help_text=_(
            "À cocher pour publier un témoignage dont un champ public contient encore "
            "des passages repérés : vous confirmez les avoir relus un à un."
        ),
    )

    redacted_fields: tuple[str, ...] | list[str] = ()
    reviewed_now: list = ()
    # Set when this save's redaction turned the signature into « Anonyme ».
    signature_lost = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Moderators' edits are published: normalised like the public form's text.
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                normalise_field_input(field)
        self.warn_about_signature()

    def warn_about_signature(self) -> None:
        """Say beside the fields, before saving, when the story is or would be « Anonyme »."""
        pseudonym = self.instance.pseudonym or ""
        if not pseudonym.strip() or self.instance.pk is None:
            return
        if signs_anonymously(pseudonym):
            self.add_help("pseudonym", ANONYMOUS_NOW % {"pseudonym": pseudonym})
            return
        # The stored detection when it still holds; else computed (and cached per text
        # for the panel, which stores it): the instance is left untouched here.
        texts = {field: getattr(self.instance, field) or "" for field in DETECTED_FIELDS}
        found, _new = detect_with_cache(
            self.instance.identifying_details, texts, public_names=(pseudonym,)
        )
        matches = found.get("pseudonym", [])
        if matches and signs_anonymously(redact(pseudonym, matches)):
            message = WOULD_BE_ANONYMOUS % {"pseudonym": pseudonym}
            self.add_help("redact_details", message)
            self.add_help("pseudonym", message)

    def add_help(self, name: str, message: str) -> None:
        field = self.fields.get(name)
        if field is not None:
            field.help_text = f"{field.help_text} {message}".strip()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("redact_details"):
            self.redacted_fields = self.redact_public_fields(cleaned_data)
        status = cleaned_data.get("status", self.instance.status)
        if status == ModerationStatus.PUBLISHED:
            texts = {
                field: cleaned_data.get(field, getattr(self.instance, field)) or ""
                for field in DETECTED_FIELDS
            }
            listed = unreviewed_details(self.instance, texts)
            if listed and not cleaned_data.get("details_reviewed"):
                self.add_error(
                    "details_reviewed",
                    ValidationError(
                        _(
                            "Ces passages repérés seront publiés : %(passages)s. Caviardez-les, "
                            "modifiez le champ, ou cochez « J'ai relu ces passages » pour "
                            "confirmer qu'ils peuvent être publiés."
                        ),
                        code="details_not_reviewed",
                        params={"passages": describe(listed)},
                    ),
                )
            elif listed:
                self.reviewed_now = listed
        return cleaned_data

    def redact_public_fields(self, cleaned_data) -> list[str]:
        """The redaction step: each public field's matches replaced by "[…]".

        Runs in clean() so the redacted values are what gets validated and saved; the
        original story is never changed. Returns the fields that changed, for the log.
        """
        changed = []
        before = cleaned_data.get("pseudonym")
        # The pseudonym as it stands is public by choice: the model's guesses that are
        # the pseudonym are kept, as they are left unflagged in the panel.
        public_names = (before if before is not None else self.instance.pseudonym,)

        def redacted_copy(text: str) -> str:
            return redact(text, find_identifying_details(text, public_names))

        for field in REDACTED_IN_PLACE:
            if field in cleaned_data:
                value = cleaned_data[field] or ""
                redacted = redacted_copy(value)
                if redacted != value:
                    cleaned_data[field] = redacted
                    changed.append(field)
        if "published_text" in cleaned_data:
            source = cleaned_data["published_text"] or self.instance.story
            redacted = redacted_copy(source)
            if redacted != cleaned_data["published_text"]:
                cleaned_data["published_text"] = redacted
                changed.append("published_text")
        after = cleaned_data.get("pseudonym")
        self.signature_lost = bool(
            before and not signs_anonymously(before) and signs_anonymously(after)
        )
        return changed

    def save(self, commit=True):
        if self.reviewed_now:
            mark_reviewed(self.instance, self.reviewed_now)
        instance = super().save(commit=commit)
        # A preview runs save(commit=False): nothing was redacted in the database yet.
        if commit and self.redacted_fields:
            self.redaction_saved(instance, self.redacted_fields)
        return instance

    def redaction_saved(self, instance, fields) -> None:
        """A redaction leaves one log entry naming the fields, never their text."""
        log_redaction(instance, self.for_user, fields)


ANONYMOUS_NOW = _(
    "Signature publiée : « Anonyme ». Le pseudonyme « %(pseudonym)s » a été caviardé en "
    "entier et ne signe plus le témoignage."
)
WOULD_BE_ANONYMOUS = _(
    "Attention : caviarder effacerait tout le pseudonyme « %(pseudonym)s » ; le "
    "témoignage serait alors publié signé « Anonyme »."
)
SIGNATURE_LOST_MESSAGE = _(
    "Le pseudonyme a été caviardé en entier : le témoignage est désormais signé « Anonyme »."
)


class IdentifyingDetailsPanel(Panel):
    """Read-only: each field with its possible identifying details highlighted, escaped,
    and the text it would become once redacted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "testimonies/admin/identifying_details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # A posted form holds unsaved texts: show their detection, store nothing.
            found = detected_details(self.instance, save=not self.form.is_bound)
            fields = []
            for field in DETECTED_FIELDS:
                text = getattr(self.instance, field) or ""
                if not text:
                    continue
                matches = found.get(field, [])
                proposal = redact(text, matches) if matches else ""
                fields.append(
                    {
                        "label": FIELD_LABELS[field],
                        "matches": matches,
                        "highlighted": highlight_html(text, matches),
                        "proposal": proposal,
                        # The signature readers would see: never changed silently.
                        "signs_anonymously": (
                            field == "pseudonym" and bool(matches) and signs_anonymously(proposal)
                        ),
                    }
                )
            count = sum(len(item["matches"]) for item in fields)
            context.update(fields=fields, count=count, summary=summary(count))
            return context


def summary(count: int) -> str:
    """The honest count: found automatically, maybe incomplete (French plural: 0 and 1)."""
    if count == 0:
        return str(
            _(
                "Aucun passage à vérifier repéré automatiquement ; la détection peut en "
                "manquer : relisez chaque champ."
            )
        )
    return ngettext(
        "%(count)d passage à vérifier repéré automatiquement ; la détection peut en "
        "manquer : relisez chaque champ.",
        "%(count)d passages à vérifier repérés automatiquement ; la détection peut en "
        "manquer : relisez chaque champ.",
        count,
    ) % {"count": count}


class BulkPublishConfirmForm(forms.Form):
    details_reviewed = forms.BooleanField(
        label=_("J'ai relu ces passages"),
        required=False,
        help_text=_(
            "Les passages listés ci-dessus seront publiés tels quels : cochez pour "
            "confirmer que vous les avez relus un à un."
        ),
    )


class ConfirmReviewedDetailsMixin:
    """For the bulk "Publier" action: the confirm page lists, per story, the passages its
    public fields still contain, and publishing them needs an explicit confirmation."""

    form_class = BulkPublishConfirmForm

    def object_context(self, obj):
        listed = [(FIELD_LABELS[field], passages) for field, passages in unreviewed_details(obj)]
        return {**super().object_context(obj), "unreviewed": listed}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["needs_confirmation"] = any(item.get("unreviewed") for item in context["items"])
        return context

    def prepare_action(self, objects, objects_without_access):
        listed = {obj.pk: unreviewed_details(obj) for obj in objects}
        form = self.cleaned_form
        if any(listed.values()) and not form.cleaned_data.get("details_reviewed"):
            form.add_error(
                "details_reviewed",
                _(
                    "Des témoignages contiennent encore des passages repérés : caviardez-les "
                    "ou cochez « J'ai relu ces passages » pour les publier."
                ),
            )
            return self.form_invalid(form)
        for obj in objects:
            if listed[obj.pk]:
                mark_reviewed(obj, listed[obj.pk])
                type(obj).objects.filter(pk=obj.pk).update(
                    identifying_details=obj.identifying_details
                )
        return super().prepare_action(objects, objects_without_access)
