"""The import graph keeps the layering: no cycles, no module importing a stage above its own,
and renderers know result types only. Every import counts, also those inside functions and
under TYPE_CHECKING, since each is a dependency a reader has to follow."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "wowcoach"

# Lowest first. Top-level modules (errors, i18n, money, safeio, textclean, yamlio) are the base.
STAGES = ["knowledge", "matching", "profile", "planning", "ledger", "report", "render", "cli"]
# What render/ may import from report/: the result types and the labels of their fixed words.
RENDER_MAY_USE = {
    "wowcoach.report.types",
    "wowcoach.report.plan_types",
    "wowcoach.report.ledger_types",
    "wowcoach.report.export_types",
    "wowcoach.report.labels",
}


def module_name(path: Path) -> str:
    parts = ["wowcoach", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every wowcoach module `path` imports, anywhere in the file."""
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
    return {m for m in found if m in known and m != name}


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
    return sorted(
        (a, b)
        for a, targets in edges.items()
        if a.startswith("wowcoach.render.")
        for b in targets
        if b.startswith("wowcoach.report.") and b not in RENDER_MAY_USE
    )


def test_the_walk_sees_every_kind_of_import():
    edges = graph()
    assert "wowcoach.cli.app" in edges["wowcoach.cli.launch"]  # inside a function
    assert "wowcoach.report.export_types" in edges["wowcoach.render.output"]  # under TYPE_CHECKING
    assert "wowcoach.knowledge.files" in edges["wowcoach.report.sources"]


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_no_upward_imports_between_stages():
    assert upward(graph()) == []


def test_renderers_import_result_types_only():
    assert render_reaches_builders(graph()) == []


def test_the_checks_catch_what_they_look_for():
    fake = {
        "wowcoach.cli.a": {"wowcoach.cli.b"},
        "wowcoach.cli.b": {"wowcoach.cli.a"},
        "wowcoach.ledger.storage": {"wowcoach.report.plan"},
        "wowcoach.render.markdown": {"wowcoach.report.export", "wowcoach.report.types"},
    }
    assert cycles(fake) == [["wowcoach.cli.a", "wowcoach.cli.b"]]
    assert upward(fake) == [("wowcoach.ledger.storage", "wowcoach.report.plan")]
    assert render_reaches_builders(fake) == [("wowcoach.render.markdown", "wowcoach.report.export")]
