"""Possible duplicates of an answer: the same action sent twice, by two people, on paper and
online. PostgreSQL compares organisation and action by trigram similarity (``pg_trgm``,
created by migration 0002 on PostgreSQL only); SQLite, which has no such function,
compares the organisation's name and the e-mail, case and accents ignored."""

import unicodedata

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models.functions import Greatest

from .models import CallAnswer

SIMILARITY = 0.3
LIMIT = 5


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def possible_duplicates(answer: CallAnswer, limit: int = LIMIT) -> list[CallAnswer]:
    others = CallAnswer.objects.filter(call_id=answer.call_id).exclude(pk=answer.pk)
    if connection.vendor == "postgresql":
        return list(
            others.annotate(
                similarity=Greatest(
                    TrigramSimilarity("organisation", answer.organisation),
                    TrigramSimilarity("action_what", answer.action_what),
                )
            )
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "pk")[:limit]
        )
    name = _normalise(answer.organisation)
    email = (answer.email or "").casefold()
    found = []
    # Only the fields compared are read; a call rarely has more than a few hundred answers.
    for other in others.only("pk", "organisation", "email", "action_what").order_by("pk"):
        if _normalise(other.organisation) == name or (email and other.email.casefold() == email):
            found.append(other)
            if len(found) >= limit:
                break
    return found
