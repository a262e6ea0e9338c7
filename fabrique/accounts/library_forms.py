"""Image and document forms of the admin: the file of one in public use changes only by an Éditeur.

Contributeurs add images and documents and, as Wagtail lets anyone change what they
uploaded, may edit them afterwards. Replacing the file of an image that a published article
shows would change the article at once, without review. So when an image or a document is
used by something public, replacing its file needs the collection-level "change"
permission on its collection (Éditeurs have it on the root collection; superusers have
everything); anyone else gets a French error beside the file field and nothing is saved.
Title, alternative text, tags and focal point stay editable: they only describe the file.

"Used by something public" is read from Wagtail's reference index: a live page (or any
object with drafts that is live) whose saved content points to it, or any object without
drafts (a person's photo, a setting) since those are public as soon as saved. A draft that
was never published does not count.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.models import GroupCollectionPermission, ReferenceIndex


def used_publicly(obj) -> bool:
    """True when a live object refers to ``obj`` in the reference index."""
    if obj.pk is None:
        return False
    sources: dict[int, set[str]] = {}
    for content_type_id, object_id in ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "object_id"
    ):
        sources.setdefault(content_type_id, set()).add(object_id)
    for content_type_id, object_ids in sources.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        field_names = {field.name for field in model._meta.get_fields()}
        if "live" not in field_names:
            return True
        if model._default_manager.filter(pk__in=object_ids, live=True).exists():
            return True
    return False


def may_replace_used_file(user, obj) -> bool:
    """Superusers, and whoever holds "change" on the object's collection or an ancestor."""
    if user is None:
        return True
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    content_type = ContentType.objects.get_for_model(type(obj))
    permission = Permission.objects.filter(
        content_type=content_type, codename=f"change_{content_type.model}"
    ).first()
    if permission is None:
        return False
    return GroupCollectionPermission.objects.filter(
        group__user=user,
        permission=permission,
        collection__in=obj.collection.get_ancestors(inclusive=True),
    ).exists()


class GuardFileReplacementMixin:
    """Refuses a new file for a publicly used object unless the user may replace it."""

    replace_refused_message = _(
        "Ce fichier est utilisé par un contenu publié : seul·es les Éditeurs peuvent le "
        "remplacer. Vous pouvez modifier le titre et la description, ou ajouter un "
        "nouveau fichier à la médiathèque."
    )

    def __init__(self, *args, **kwargs):
        # BaseCollectionMemberForm takes the user out of kwargs: keep it for clean().
        self.editing_user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.instance.pk
            and "file" in self.fields
            and "file" in self.changed_data
            and "file" not in self.errors
            and not may_replace_used_file(self.editing_user, self.instance)
            and used_publicly(self.instance)
        ):
            self.add_error("file", self.replace_refused_message)
        return cleaned_data


class GuardedImageForm(GuardFileReplacementMixin, BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``."""


class GuardedDocumentForm(GuardFileReplacementMixin, BaseDocumentForm):
    """``WAGTAILDOCS_DOCUMENT_FORM_BASE``."""
