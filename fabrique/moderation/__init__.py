"""Moderation of public submissions (testimonies today, calls for contributions later).

A plain package, not an installed app: it only holds abstract models, a queryset and
the actions moderators take, so each content app keeps its own tables and migrations.
"""
