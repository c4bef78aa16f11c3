"""The organizer's mkdocs.yml: checked safely, then read with MkDocs' loader (site and PDFs alike)."""

# mkdocs.yml is trusted like code (MkDocs runs its hooks and `!!python/name` tags), but a mistake
# in it must still be a located message, and an alias bomb must not eat the machine's memory.

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import ContentError, Diagnostics
from generator.source.yamlfile import MAX_NODES, compose_checked, decode_text, report_alias_bomb


def check_mkdocs_yml(path: Path, display: str, diagnostics: Diagnostics) -> bool:
    """Report what would stop MkDocs reading ``path``; False when it cannot be read safely."""
    text = decode_text(path, display, diagnostics)
    if text is None:
        return False
    errors = diagnostics.errors
    node = compose_checked(text, display, diagnostics)
    if node is None:
        return diagnostics.errors == errors  # an empty file is MkDocs' own error to give
    too_large = expansion_exceeds(node, MAX_NODES)
    if too_large is not None:
        report_alias_bomb(too_large, display, diagnostics, "settings")
        return False
    return True


def expansion_exceeds(root: yaml.Node, limit: int) -> yaml.Node | None:
    """The node at which the graph, with every alias expanded, passes ``limit`` nodes (or None).
    Iterative and stopped at the limit, so a "billion laughs" costs ``limit`` steps."""
    stack, count = [root], 0
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
    return None


def load_base_config(path: Path, display: str) -> dict[str, Any]:
    """The settings of ``path``, as MkDocs reads them; ContentError (located) when unsafe or broken."""
    from mkdocs.utils.yaml import yaml_load

    diagnostics = Diagnostics()
    if not check_mkdocs_yml(path, display, diagnostics):
        raise ContentError(diagnostics)
    with path.open("rb") as handle:
        data = yaml_load(handle)
    return data if isinstance(data, dict) else {}
