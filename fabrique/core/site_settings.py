"""Site settings that send readers elsewhere: checked where they are typed, changes mailed.

The donation link and the social links are on every page: an Éditeur who points them at
another site (or at plain ``http://``) sends every reader there. So:

- the donation link must be ``https://`` on a host of ``FABRIQUE_DONATION_HOSTS`` (the
  association's payment provider) or on the site's own host (a page of the site);
- each social link must be ``https://`` on its network's own domain;
- every saved change is e-mailed to the administrators (``ADMINS``, else the active
  superusers): who, when, and for each field the old and the new value. The e-mail goes
  through django-tasks (``mail_settings_change``) once the change is committed, so a slow
  mail server never holds the editor's request (the immediate backend, the default, runs
  it at once; a worker backend runs it in the background).

Messages are in French, beside the field (``SiteSettings.clean()``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.admin.forms import WagtailAdminModelForm

# Each social field and the domains its links may point to (subdomains included).
SOCIAL_DOMAINS = {
    "twitch_url": ("twitch.tv",),
    "youtube_url": ("youtube.com", "youtu.be"),
    "instagram_url": ("instagram.com",),
    "linkedin_url": ("linkedin.com",),
}


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def site_hosts(site=None) -> set[str]:
    """The site's own host names: its Wagtail Site and ``WAGTAILADMIN_BASE_URL``."""
    hosts = {_host(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")}
    if site is not None and site.hostname:
        hosts.add(site.hostname.lower())
    return {host for host in hosts if host}


def donation_hosts(site=None) -> set[str]:
    listed = {host.lower() for host in getattr(settings, "FABRIQUE_DONATION_HOSTS", [])}
    return listed | site_hosts(site)


def _https_problem(url: str):
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        return _(
            "Le lien doit commencer par « https:// » : une adresse en « %(scheme)s:// » "
            "n'est pas chiffrée et peut être détournée en chemin."
        ) % {"scheme": parts.scheme or "?"}
    if parts.username or parts.password:
        return _("Le lien ne doit pas contenir d'identifiant ni de mot de passe (« …@ »).")
    return None


def check_donation_url(url: str, site=None) -> None:
    if not url:
        return
    problem = _https_problem(url)
    if problem:
        raise ValidationError(problem, code="insecure")
    host = _host(url)
    allowed = donation_hosts(site)
    if host not in allowed:
        raise ValidationError(
            _(
                "Le site « %(host)s » n'est pas dans la liste des prestataires de paiement "
                "acceptés (%(allowed)s). Un administrateur peut l'ajouter au réglage "
                "FABRIQUE_DONATION_HOSTS."
            ),
            code="host",
            params={"host": host or url, "allowed": ", ".join(sorted(allowed))},
        )


def check_social_url(field_name: str, label: str, url: str) -> None:
    if not url:
        return
    problem = _https_problem(url)
    if problem:
        raise ValidationError(problem, code="insecure")
    host = _host(url)
    domains = SOCIAL_DOMAINS.get(field_name, ())
    if domains and not any(host == d or host.endswith("." + d) for d in domains):
        raise ValidationError(
            _("Un lien %(network)s doit mener à %(domains)s, pas à « %(host)s »."),
            code="host",
            params={"network": label, "domains": " ou ".join(domains), "host": host or url},
        )


def clean_site_settings(instance) -> None:
    """``SiteSettings.clean()``: every error beside its field."""
    errors = {}
    try:
        check_donation_url(instance.donation_url, getattr(instance, "site", None))
    except ValidationError as error:
        errors["donation_url"] = error
    for name in SOCIAL_DOMAINS:
        field = instance._meta.get_field(name)
        try:
            check_social_url(name, str(field.verbose_name), getattr(instance, name))
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)


def _shown(value) -> str:
    if value is None or value == "":
        return gettext("(vide)")
    if hasattr(value, "specific_deferred"):  # a page
        return f"{value.title} ({value.url_path})"
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    return str(value)


def _user_label(user) -> str:
    if user is None or not user.is_authenticated:
        return gettext("(inconnu)")
    name = user.get_full_name() or user.get_username()
    return f"{name} <{user.email}>" if user.email else name


class SiteSettingsForm(WagtailAdminModelForm):
    """The settings form, which tells the administrators what changed once it is saved."""

    def changes(self) -> list[dict]:
        """[{"field", "label", "old", "new"}] for every field the editor changed."""
        rows = []
        for name in self.changed_data:
            if name not in self.fields:
                continue
            model_field = self._meta.model._meta.get_field(name)
            old = self.initial.get(name)
            if model_field.is_relation and old is not None:
                old = model_field.related_model._default_manager.filter(pk=old).first()
            new = self.cleaned_data.get(name)
            if _shown(old) == _shown(new):
                continue
            rows.append(
                {
                    "field": name,
                    "label": str(model_field.verbose_name),
                    "old": _shown(old),
                    "new": _shown(new),
                }
            )
        return rows

    def save(self, commit=True):
        rows = self.changes()
        instance = super().save(commit=commit)
        if rows:
            user = self.for_user
            site = getattr(instance, "site", None)
            arguments = {
                "who": _user_label(user),
                "site": (site.hostname if site else "") or "",
                "changes": rows,
                "when": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            }
            transaction.on_commit(lambda: mail_settings_change.enqueue(**arguments))
        return instance


def administrator_emails() -> list[str]:
    """``ADMINS`` (name and address, or address alone), else the active superusers."""
    emails = []
    for entry in getattr(settings, "ADMINS", []) or []:
        email = entry[1] if isinstance(entry, list | tuple) else entry
        if email and email not in emails:
            emails.append(email)
    if emails:
        return emails
    superusers = (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(superusers))


@task()
def mail_settings_change(who: str, site: str, changes: list[dict], when: str) -> int:
    """E-mail the administrators what changed in the site settings (old → new)."""
    recipients = administrator_emails()
    if not recipients:
        return 0
    lines = [
        gettext("%(who)s a modifié les réglages du site %(site)s le %(when)s.")
        % {"who": who, "site": site, "when": when},
        "",
    ]
    for row in changes:
        lines += [
            f"- {row['label']}",
            "  " + gettext("avant : %(value)s") % {"value": row["old"]},
            "  " + gettext("après : %(value)s") % {"value": row["new"]},
        ]
    lines += [
        "",
        gettext(
            "Si ce changement n'était pas prévu, rétablissez les anciennes valeurs dans "
            "« Paramètres › Réglages du site » et vérifiez le compte qui l'a fait."
        ),
    ]
    subject = gettext("Réglages du site modifiés par %(who)s") % {"who": who}
    return send_mail(subject, "\n".join(lines), None, recipients)
