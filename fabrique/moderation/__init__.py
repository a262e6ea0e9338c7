"""Moderation of public submissions (testimonies today, calls for contributions later).

A plain package, not an installed app: abstract models and a queryset (``models``), the
actions moderators take, the only way a status changes or a submission is erased
(``actions``), the signals those actions send once committed (``signals``), the one
notice moderators receive when a submission arrives (``notifications``), the admin form
that applies a chosen status through them (``forms``), and the admin gate every
moderated model goes through: no chooser, bulk page or view for users without its
permissions (``admin``). Each content app keeps its own tables and migrations, and
connects its own e-mails to the signals; this package imports none of them.
"""
