"""Wagtail sentences the project words again in its own French catalogue.

Wagtail's French catalogue renders a few sentences built around a model's name in a way
an editor reads as clumsy (« Ce(tte) page »); Wagtail offers no hook to change them. The
project's catalogue (``LOCALE_PATHS``) takes precedence over the apps' catalogues, so
listing the exact msgids here puts them in ``locale/fr`` through ``make messages``, where
their French text is written once and kept by later runs. A Wagtail upgrade that changes
a msgid makes ``tests/core/test_admin_french_labels.py`` fail.
"""

from django.utils.translation import gettext_noop

MSGIDS = (
    # The page's status side panel, when nobody holds the lock.
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Unlocked"),
)
