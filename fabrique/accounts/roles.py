"""The editorial team's groups, by name, for code that looks a group up.

What each group may do was set by data migrations (``core/0002_editorial_groups``, and
each content app's own, e.g. ``testimonies/0003_moderator_permissions``); a change to
those permissions is a new migration.
"""

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
CONTRIBUTORS = "Contributeurs"
CAREGIVER_REVIEWERS = "Relecteurs soignants"
