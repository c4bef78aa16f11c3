"""The package's layers: imports point down the pipeline, renderers never import each other.

    cli → build (the orchestrator), check (its front stages) → render/site, render/pdf → render (shared drawings)
        → editions → knowledge → model, source → text, charts, output, diagnostics, i18n, progress

A module may import its own layer and any layer below it, never one above (no cycles), and a
command imports only what it uses: `validate` loads neither MkDocs nor WeasyPrint.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

#: Layers from the top; a module belongs to the first prefix that matches its name.
LAYERS: list[tuple[str, ...]] = [
    ("generator.cli", "generator.__main__"),
    ("generator.build", "generator.buildstate", "generator.check"),
    ("generator.authoring",),
    ("generator.render.site", "generator.render.pdf"),
    ("generator.render",),
    ("generator.translations",),
    ("generator.editions",),
    ("generator.knowledge",),
    ("generator.source", "generator.model"),
    (
        "generator.text",
        "generator.charts",
        "generator.output",
        "generator.diagnostics",
        "generator.i18n",
        "generator.progress",
    ),
]
RENDERERS = ("generator.render.site", "generator.render.pdf")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every `generator.…` module a file imports, at the top or inside a function (imports for
    type checking only are not imports at run time)."""
    found: set[str] = set()
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator")}
    return found


def runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    nodes, todo = [], [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo += node.orelse
            continue
        nodes.append(node)
        todo += list(ast.iter_child_nodes(node))
    return nodes


def layer_of(module: str) -> int:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_imports_point_down_the_layers() -> None:
    upward = [
        f"{module} → {target}"
        for module, targets in graph().items()
        for target in targets
        if layer_of(target) < layer_of(module)
    ]
    assert not upward, "imports that point up the pipeline:\n" + "\n".join(upward)


def test_no_renderer_imports_another() -> None:
    crossing = [
        f"{module} → {target}"
        for module, targets in graph().items()
        for target in targets
        for own, other in (RENDERERS, RENDERERS[::-1])
        if module.startswith(own) and target.startswith(other)
    ]
    assert not crossing


def test_no_import_cycles_between_modules() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1: on the stack, 2: done

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, set())):
            if target not in edges:
                continue
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target] if target in stack else [module, target]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target, [*stack, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])


def test_validate_imports_neither_mkdocs_nor_weasyprint() -> None:
    """Nor the renderers, the outputs' orchestrator and its build state, Jinja or Babel (validate shows no label)."""
    unused = (
        "mkdocs",
        "weasyprint",
        "material",
        "jinja2",
        "babel.messages",
        "generator.render.site",
        "generator.render.pdf",
    )
    orchestrator = ("generator.build", "generator.buildstate")
    code = (
        "import sys, generator.cli.validate, generator.check;"
        f"print(sorted(m for m in sys.modules if m.startswith({unused!r}) or m in {orchestrator!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
