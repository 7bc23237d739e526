"""The apps depend one way, archive ← factsheets ← search ← ask, never on the tooling, and no
module of the site imports itself round a circle. Read from the source: every import, also
those inside functions."""

import ast

from django.conf import settings

# Each app, with the packages it may import from (itself included).
MAY_IMPORT = {
    "archive": {"config", "archive"},
    "factsheets": {"config", "archive", "factsheets"},
    "search": {"config", "archive", "factsheets", "search"},
    "ask": {"config", "archive", "factsheets", "search", "ask"},
    # The site's own pages stand alone; feedback counts answers about archive and factsheet
    # pages (only those a reader can open) and uses the ask app's rate limit.
    "pages": {"config", "pages"},
    "feedback": {"config", "archive", "factsheets", "ask", "feedback"},
}
TOOLING = {"tools", "loadtest"}
# config wires the apps together (settings, URLs); its small helpers are the apps' to use.
SITE = {*MAY_IMPORT, "config"}


def module_name(path):
    parts = path.relative_to(settings.BASE_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path):
    """Every module (and module.name) a source file imports absolutely."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name.split(".")[0] in SITE | TOOLING}


def site_imports():
    """{module: names of the project it imports} for every module of the apps and config,
    migrations aside (they name other apps' migrations, not their code)."""
    return {
        module_name(path): imported_names(path)
        for top in SITE
        for path in (settings.BASE_DIR / top).rglob("*.py")
        if "migrations" not in path.parts
    }


def test_apps_import_only_the_apps_below_them_and_never_the_tooling():
    wrong = sorted(
        (module, name)
        for module, names in site_imports().items()
        for name in names
        if name.split(".")[0] not in MAY_IMPORT.get(module.split(".")[0], SITE)
    )
    assert wrong == []


def test_no_module_imports_itself_round_a_circle():
    imports = site_imports()
    graph = {module: sorted(set(names) & set(imports)) for module, names in imports.items()}
    done, path, cycles = set(), [], []

    def visit(module):
        if module in path:
            cycles.append([*path[path.index(module) :], module])
        elif module not in done:
            path.append(module)
            for name in graph[module]:
                visit(name)
            path.pop()
            done.add(module)

    for module in sorted(graph):
        visit(module)
    assert cycles == []


def test_the_check_sees_a_wrong_way_import(tmp_path, settings):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "models.py").write_text("def f():\n    from search import query\n")
    settings.BASE_DIR = tmp_path
    assert imported_names(tmp_path / "archive" / "models.py") == {"search", "search.query"}
