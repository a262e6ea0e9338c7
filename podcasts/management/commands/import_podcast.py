"""``manage.py import_podcast FEED``: bring a show and its episodes from an RSS feed."""

from django.core.management.base import BaseCommand, CommandError

from podcasts.importer import FeedImporter, FeedImportError


class Command(BaseCommand):
    help = (
        "Importe une émission et ses épisodes depuis un flux RSS (chemin ou adresse). "
        "Relançable : les épisodes déjà importés (même guid) ne sont pas dupliqués."
    )

    def add_arguments(self, parser):
        parser.add_argument("feed", help="chemin ou adresse du flux RSS")
        parser.add_argument(
            "--keep-remote-audio",
            action="store_true",
            help=(
                "laisser les sons chez leur hébergeur au lieu de les copier ; leur origine "
                "doit figurer dans FABRIQUE_EXTRA_MEDIA_ORIGINS"
            ),
        )

    def handle(self, *args, feed, keep_remote_audio, **options):
        try:
            report = FeedImporter(feed, keep_remote_audio=keep_remote_audio).run()
        except FeedImportError as error:
            raise CommandError(str(error)) from error
        show = report.show
        verb = "créée" if report.show_created else "déjà présente"
        self.stdout.write(f"Émission {verb} : {show.title} ({show.url})")
        if show.previous_feed_url and report.show_created:
            self.stdout.write(
                f"Ancienne adresse du flux notée : {show.previous_feed_url}. Demandez à "
                f"l'ancien hébergeur d'annoncer la nouvelle : {show.feed_url()}"
            )
        if keep_remote_audio:
            self.stdout.write(
                "Sons laissés chez leur hébergeur : leurs origines doivent rester dans "
                "FABRIQUE_EXTRA_MEDIA_ORIGINS."
            )
        self.stdout.write(
            f"{len(report.created)} épisode(s) importé(s), {len(report.existing)} déjà "
            f"présent(s), {len(report.skipped)} ignoré(s)."
        )
        for line in report.skipped:
            self.stderr.write(f"Ignoré — {line}")
        for line in report.warnings:
            self.stderr.write(f"Attention — {line}")
