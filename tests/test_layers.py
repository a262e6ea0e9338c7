"""Dependencies run one way, and no module imports itself back through another.

The project's packages form layers (docs/architecture.md, « Couches »): each imports only
those to its left. ``fabrique/`` is cut by concern, left to right; the content apps follow,
in the order ``INSTALLED_APPS`` lists them. Imports inside functions count too: an import
moved into a function to dodge a circle is still a circle, only one that breaks later, at
the first call instead of at start-up.

What it cannot see: references by string (``parent_page_types = ["home.HomePage"]`` on
the shared ``SectionIndexPage``, ``apps.get_model``, ``import_string`` of a registry).
Those are Django's and Wagtail's own late binding, resolved once every app is loaded.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# The shared base, left to right. ``settings``, ``urls`` and ``wsgi`` assemble the site and
# may import anything; they are nobody's dependency.
FABRIQUE_LAYERS = [
    "fabrique.web",  # request plumbing, no models
    "fabrique.search",  # search: text normalisation, kinds registry, backends, the page
    "fabrique.accounts",  # staff access, no models
    "fabrique.core",  # shared models, mixins, blocks, listing, feeds' text, site settings
    "fabrique.jobs",  # scheduler and task worker
    "fabrique.moderation",  # what every public submission goes through
    "fabrique.submissions",  # the public forms' shared machinery
    "fabrique.home",
    "fabrique.standard",
    "fabrique.demo",  # the seed: builds the shared pages, then asks each section for more
]
ASSEMBLY = {"fabrique.settings", "fabrique.urls", "fabrique.wsgi", "fabrique"}


def project_layers() -> list[str]:
    """The layer table, then the content apps in ``INSTALLED_APPS`` order."""
    content = [
        app
        for app in settings.INSTALLED_APPS
        if "." not in app and (ROOT / app / "__init__.py").exists()
    ]
    return FABRIQUE_LAYERS + content


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    """Every module of ``fabrique/`` and of the content apps, migrations included."""
    roots = ["fabrique", *project_layers()[len(FABRIQUE_LAYERS) :]]
    modules = {}
    for root in roots:
        for path in (ROOT / root).rglob("*.py"):
            modules[module_name(path)] = path
    return modules


def imported_modules(source: str, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules that ``name`` imports, wherever the import stands."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from package import module`` names a module; ``from module import name`` does not.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {
        name: imported_modules(path.read_text(), name, path.name == "__init__.py", known)
        for name, path in modules.items()
    }


def layer_of(module: str) -> str | None:
    for layer in project_layers():
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_walker_sees_imports_inside_functions_and_relative_ones():
    known = {"articles", "articles.models", "videos", "videos.models", "articles.feeds"}
    source = (
        "def f():\n    from videos.models import VideoPage\n"
        "class A:\n    def g(self):\n        from . import feeds\n"
    )
    assert imported_modules(source, "articles.models", False, known) == {
        "videos.models",
        "articles.feeds",
    }


def test_the_cycle_finder_finds_a_circle_closed_inside_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_every_app_is_in_the_layer_table():
    """A new package under ``fabrique/`` must take its place in the table, or this fails."""
    packages = {
        f"fabrique.{path.parent.name}" for path in (ROOT / "fabrique").glob("*/__init__.py")
    }
    assert packages - set(FABRIQUE_LAYERS) - ASSEMBLY == set()
    assert "articles" in project_layers() and "dossiers" in project_layers()


def test_no_import_circle():
    found = cycles(import_graph())
    assert not found, "Cercles d'import :\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_each_layer_imports_only_those_to_its_left():
    order = {layer: position for position, layer in enumerate(project_layers())}
    offences = []
    for module, imports in import_graph().items():
        own = layer_of(module)
        if own is None:
            continue
        for target in imports:
            theirs = layer_of(target)
            if theirs is not None and order[theirs] > order[own]:
                offences.append(f"{module} → {target}")
    assert not offences, "Import vers une couche à droite :\n" + "\n".join(sorted(offences))


def test_nothing_imports_the_assembly():
    """Settings and URLs assemble the site: a module importing them would depend on all."""
    graph = import_graph()
    offences = [
        f"{module} → {target}"
        for module, imports in graph.items()
        if module.split(".")[:2] != ["fabrique", "settings"] and module not in ASSEMBLY
        for target in imports
        if target in ASSEMBLY or target.startswith("fabrique.settings.")
    ]
    assert not offences, "Import des réglages ou des URL :\n" + "\n".join(sorted(offences))


def test_models_never_import_views():
    """A view is what a request reaches; models load first and must not pull one in."""
    offences = [
        f"{module} → {target}"
        for module, imports in import_graph().items()
        if ".models" in module
        for target in imports
        if target.rsplit(".", 1)[-1] in {"views", "admin_views", "second_factor_views"}
        or ".views." in target
    ]
    assert not offences, "Un modèle importe une vue :\n" + "\n".join(sorted(offences))
