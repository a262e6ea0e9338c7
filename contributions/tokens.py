"""The private follow link of an answer: signed here, read by the follow page (``views``)
and written into the contact's e-mails (``notifications``), which import it from here
rather than from each other."""

from fabrique.submissions.flow import sign_follow, unsign_follow

FOLLOW_SALT = "contributions.follow"


def follow_token(answer) -> str:
    """The signed token, "value:signature"; the URL splits it in two segments."""
    return sign_follow(answer.follow_token, FOLLOW_SALT)


def follow_value(token: str) -> str | None:
    """The answer's stored follow token, or None when the signature does not hold."""
    return unsign_follow(token, FOLLOW_SALT)
