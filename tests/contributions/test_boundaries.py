"""The calls stand apart: they use the shared machinery, never the testimonies app, and
their private links never reach a log."""

from fabrique.web.logging import mask_private_paths
from tests.test_layers import import_graph


def test_contributions_never_import_the_testimonies_app():
    """The layer table would allow it (contributions stands right of testimonies): this
    holds the calls to a stricter rule, so either app can be removed without the other."""
    offenders = [
        f"{module}: {target}"
        for module, imports in import_graph().items()
        if module.split(".")[0] == "contributions"
        for target in imports
        if target.split(".")[0] == "testimonies"
    ]
    assert not offenders


def test_both_forms_share_the_guards():
    from contributions.forms import AnswerForm
    from fabrique.submissions.guards import PublicSubmissionForm
    from testimonies.forms import TestimonyForm

    assert issubclass(AnswerForm, PublicSubmissionForm)
    assert issubclass(TestimonyForm, PublicSubmissionForm)


def test_the_follow_link_of_an_answer_is_masked_in_logs():
    line = '"GET /appels-a-contributions/mon-appel/suivi/0123abcd/sig-nature_x/ HTTP/1.1" 200'
    masked = mask_private_paths(line)
    assert "0123abcd" not in masked and "sig-nature" not in masked
    assert "/appels-a-contributions/mon-appel/suivi/***" in masked
