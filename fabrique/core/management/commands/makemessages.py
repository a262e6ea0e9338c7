"""Django's makemessages without fuzzy matching.

The catalogue's French text is the source text itself (``msgen``): a new string that
gettext guesses to be close to an old one would otherwise keep the old one's text,
marked fuzzy, and ``msgen`` leaves it there, a wrong line in the catalogue.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
