"""Moderators' own pages beside the answers' listing: attachments, import, conversion, merge.

Each view checks the answers' permissions through ``fabrique.moderation.admin.user_may``
and answers a plain 403 otherwise (never a title, never a file).
"""

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from fabrique.accounts.admin_guards import forbidden
from fabrique.core.models import Theme
from fabrique.moderation.admin import user_may

from .actions import merge_answers
from .attachments import CONTENT_TYPES
from .conversion import PUBLIC_FIELDS, convert_to_inspir_action, inspir_index
from .duplicates import possible_duplicates
from .models import AnswerAttachment, CallAnswer, CallPage
from .spreadsheets import COLUMNS, import_answers, read_rows


def _may(request, *actions) -> bool:
    return user_may(request.user, CallAnswer, *actions)


def _edit_url(answer) -> str:
    return reverse("wagtailsnippets_contributions_callanswer:edit", args=[answer.pk])


def attachment_view(request, pk):
    """The file, to moderators only: as a download, never rendered by the browser."""
    if not _may(request, "change"):
        return forbidden()
    attachment = get_object_or_404(AnswerAttachment, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=CONTENT_TYPES.get(attachment.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class ImportForm(forms.Form):
    call = forms.ModelChoiceField(
        label=gettext_lazy("Appel"), queryset=CallPage.objects.order_by("-closes_at")
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV ou XLSX"),
        help_text=gettext_lazy(
            "Une ligne par fiche ; la première ligne nomme les colonnes comme l'export."
        ),
    )


def import_view(request):
    if not _may(request, "change"):
        return forbidden()
    errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = read_rows(form.cleaned_data["file"])
            except ValueError as error:
                form.add_error("file", str(error))
            else:
                created, errors = import_answers(form.cleaned_data["call"], rows, request.user)
                if not errors:
                    messages.success(
                        request,
                        _("%(count)d fiche(s) importée(s) dans la file de modération.")
                        % {"count": created},
                    )
                    return redirect("wagtailsnippets_contributions_callanswer:list")
    else:
        form = ImportForm()
    return TemplateResponse(
        request,
        "contributions/admin/import.html",
        {
            "form": form,
            "errors": errors,
            "headings": [heading for _a, heading, field in COLUMNS if field],
            "header_title": _("Importer des fiches"),
            "page_title": _("Importer des fiches"),
            "header_icon": "upload",
        },
    )


class ConvertForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titre de l'Inspir'action"), max_length=255)
    fields = forms.MultipleChoiceField(
        label=gettext_lazy("Champs rendus publics"),
        choices=[(name, label) for name, (_t, label, _r) in PUBLIC_FIELDS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "L'organisation et son type sont toujours repris. Les coordonnées (personne, "
            "e-mail, téléphone) ne le sont jamais."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thèmes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def convert_view(request, pk):
    if not _may(request, "change"):
        return forbidden()
    answer = get_object_or_404(CallAnswer.objects.select_related("call"), pk=pk)
    if answer.inspir_action_id:
        messages.warning(request, _("Cette fiche a déjà son Inspir'action."))
        return redirect(_edit_url(answer))
    if inspir_index() is None:
        messages.error(request, _("Créez d'abord la page « Inspir'actions » sous les appels."))
        return redirect(_edit_url(answer))
    if request.method == "POST":
        form = ConvertForm(request.POST)
        if form.is_valid():
            page = convert_to_inspir_action(
                answer,
                form.cleaned_data["title"],
                form.cleaned_data["fields"],
                user=request.user,
                themes=form.cleaned_data["themes"],
            )
            messages.success(
                request, _("Brouillon d'Inspir'action créé : relisez-le puis publiez-le.")
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    else:
        form = ConvertForm(initial={"title": answer.organisation, "fields": list(PUBLIC_FIELDS)})
    return TemplateResponse(
        request,
        "contributions/admin/convert.html",
        {
            "form": form,
            "answer": answer,
            "header_title": _("Transformer en Inspir'action"),
            "page_title": _("Transformer en Inspir'action"),
            "header_icon": "doc-full",
        },
    )


def merge_view(request, pk, other_pk):
    """Confirm, then keep ``pk`` and fold ``other_pk`` into it."""
    if not _may(request, "change", "delete"):
        return forbidden()
    kept = get_object_or_404(CallAnswer, pk=pk)
    duplicate = get_object_or_404(CallAnswer, pk=other_pk, call_id=kept.call_id)
    if kept.pk == duplicate.pk:
        raise Http404
    if request.method == "POST":
        merge_answers(kept, duplicate, request.user)
        messages.success(request, _("Les deux fiches sont fusionnées."))
        return redirect(_edit_url(kept))
    return TemplateResponse(
        request,
        "contributions/admin/merge.html",
        {
            "kept": kept,
            "duplicate": duplicate,
            "header_title": _("Fusionner deux fiches"),
            "page_title": _("Fusionner deux fiches"),
            "header_icon": "resubmit",
        },
    )


def review_context(answer: CallAnswer) -> dict:
    """What the edit view's review panel shows: files, duplicates, the Inspir'action."""
    if answer.pk is None:
        return {}
    return {
        "answer": answer,
        "attachments": [
            (attachment, reverse("contributions_attachment", args=[attachment.pk]))
            for attachment in answer.attachments.all()
        ],
        "duplicates": [
            (other, reverse("contributions_merge", args=[answer.pk, other.pk]))
            for other in possible_duplicates(answer)
        ],
        "convert_url": reverse("contributions_convert", args=[answer.pk]),
    }
