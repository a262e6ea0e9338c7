"""What every public submission form shares (testimonies, answers to calls).

A plain package beside ``fabrique/moderation/``, not an installed app: it holds no table.
The testimony form proved each piece under load and hostile input; the answer form of a
call reuses them rather than a second copy that would drift:

- ``guards``: control-character check, signed one-use start token (time trap), the
  honeypot, the form base class with its French error wiring and the fingerprint of one
  sending;
- ``flow``: rate limit on the shared cache by the trusted client IP, duplicate detection,
  the private follow link kept in the session until the thank-you page shows it once,
  ``keep_private`` for every page that shows what someone wrote;
- ``middleware``: a body a little over Django's limit comes back cut with a French message;
- ``mail``: the address a sender typed is asked to confirm itself before it hears anything
  else, and no address receives more than a few messages a day, whatever the form.
"""
