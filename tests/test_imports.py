"""The import graph keeps the layering: no cycles, no module importing a stage above its own,
and renderers know result types only. Every import counts, also those inside functions and
under TYPE_CHECKING, since each is a dependency a reader has to follow."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "wowcoach"

# Lowest first. Top-level modules (errors, i18n, money, safeio, textclean, yamlio) are the base.
# `web` (the pages of `wowcoach serve`) stands beside `cli`: it uses app/ and render/, and only the
# `serve` command imports it (test below), so nothing else needs the web extra.
STAGES = ["knowledge", "matching", "profile", "planning", "ledger", "results", "app", "render", "web", "cli"]
# The libraries of the terminal, the command line and the web pages, allowed only in these stages.
INTERFACE_LIBRARIES = {
    "rich": ("render", "cli"),
    "typer": ("cli",),
    "click": ("cli",),
    "starlette": ("web",),
    "jinja2": ("web",),
    "markupsafe": ("web",),
    "uvicorn": ("web",),
}
WEB_ENTRY = "wowcoach.cli.serve_command"


def module_name(path: Path) -> str:
    parts = ["wowcoach", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every wowcoach module `path` imports, anywhere in the file."""
    return {m for m in all_imports(name, path, known) if m in known and m != name}


def all_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module `path` imports, anywhere in the file, ours and other packages'."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def stage(module: str) -> int:
    parts = module.split(".")
    if module == "wowcoach.__main__":
        return len(STAGES)
    if len(parts) > 2 and parts[1] in STAGES:
        return STAGES.index(parts[1]) + 1
    return 0


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def upward(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((a, b) for a, targets in edges.items() for b in targets if stage(b) > stage(a))


def render_reaches_builders(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Renderers know the result types (and the base modules), never the code that built them."""
    return sorted(
        (a, b)
        for a, targets in edges.items()
        if a.startswith("wowcoach.render.")
        for b in targets
        if 0 < stage(b) < stage(a) and ".results." not in b
    )


def interface_libraries_below(imports: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(module, library) where Rich, Typer or Click is imported outside the stages that show things."""
    return sorted(
        (a, b.split(".")[0])
        for a, targets in imports.items()
        for b in targets
        if b.split(".")[0] in INTERFACE_LIBRARIES and a.split(".")[1] not in INTERFACE_LIBRARIES[b.split(".")[0]]
    )


def test_the_walk_sees_every_kind_of_import():
    edges = graph()
    assert "wowcoach.cli.app" in edges["wowcoach.cli.launch"]  # inside a function
    assert "wowcoach.results.export" in edges["wowcoach.cli.output"]  # under TYPE_CHECKING
    assert "wowcoach.knowledge.files" in edges["wowcoach.app.sources"]


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_no_upward_imports_between_stages():
    assert upward(graph()) == []


def test_renderers_import_result_types_only():
    assert render_reaches_builders(graph()) == []


def test_rich_and_typer_only_where_things_are_shown():
    mods = modules()
    imports = {name: all_imports(name, path, set(mods)) for name, path in mods.items()}
    assert interface_libraries_below(imports) == []


def importers_of_web(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(module, web module) for every import of the web stage from outside it, but the serve command's."""
    return sorted(
        (a, b)
        for a, targets in edges.items()
        for b in targets
        if b.startswith("wowcoach.web") and not a.startswith("wowcoach.web") and a != WEB_ENTRY
    )


def test_only_the_serve_command_imports_the_web_pages():
    edges = graph()
    assert importers_of_web(edges) == []
    assert any(b.startswith("wowcoach.web") for b in edges[WEB_ENTRY])


def test_the_checks_catch_what_they_look_for():
    fake = {
        "wowcoach.cli.a": {"wowcoach.cli.b"},
        "wowcoach.cli.b": {"wowcoach.cli.a"},
        "wowcoach.ledger.storage": {"wowcoach.app.plan"},
        "wowcoach.render.markdown": {"wowcoach.app.export", "wowcoach.results.cases"},
    }
    assert cycles(fake) == [["wowcoach.cli.a", "wowcoach.cli.b"]]
    assert upward(fake) == [("wowcoach.ledger.storage", "wowcoach.app.plan")]
    assert render_reaches_builders(fake) == [("wowcoach.render.markdown", "wowcoach.app.export")]
    assert interface_libraries_below({"wowcoach.app.log": {"rich.text"}, "wowcoach.render.terminal": {"rich"}}) == [
        ("wowcoach.app.log", "rich")
    ]
    assert interface_libraries_below({"wowcoach.cli.app": {"starlette.routing"}, "wowcoach.web.site": {"starlette"}}) == [
        ("wowcoach.cli.app", "starlette")
    ]
    assert upward({"wowcoach.web.site": {"wowcoach.cli.common"}}) == [("wowcoach.web.site", "wowcoach.cli.common")]
    assert importers_of_web({"wowcoach.cli.app": {"wowcoach.web.site"}, WEB_ENTRY: {"wowcoach.web.server"}}) == [
        ("wowcoach.cli.app", "wowcoach.web.site")
    ]
