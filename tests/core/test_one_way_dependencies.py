"""``fabrique/`` is the shared base: it never imports a content app, at the top or inside a function.

A content app plugs in through ``fabrique.core.sections``; if ``fabrique/`` imported one,
removing or adding an app would mean editing the base.
"""

import ast
from pathlib import Path

from django.conf import settings

CONTENT_APPS = {"articles", "testimonies", "videos", "podcasts", "events"}


def imported_modules(source: str) -> list[str]:
    """Every module an ``import`` or ``from … import`` names, wherever it stands."""
    modules = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def test_the_walker_sees_imports_inside_functions():
    source = "def f():\n    from articles.models import ArticlePage\n    import videos.models\n"
    assert imported_modules(source) == ["articles.models", "videos.models"]


def test_fabrique_imports_no_content_app():
    root = Path(settings.PROJECT_DIR)
    offenders = []
    files = [path for path in root.rglob("*.py") if "migrations" not in path.parts]
    assert len(files) > 20, "the walk must see the fabrique package"
    for path in files:
        for module in imported_modules(path.read_text()):
            if module.split(".")[0] in CONTENT_APPS:
                offenders.append(f"{path.relative_to(root.parent)}: {module}")
    assert not offenders, "fabrique/ importe une application de contenu :\n" + "\n".join(offenders)
