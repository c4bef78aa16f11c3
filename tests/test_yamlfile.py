"""Load stage, file level: hazards become errors; positions are exact."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostics
from generator.source.yamlfile import FAST_LOADER, compose, read_yaml


def load(tmp_path: Path, data: bytes) -> tuple[object, Diagnostics]:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    diagnostics = Diagnostics()
    doc = read_yaml(path, "x.yaml", diagnostics)
    return (doc.data if doc else None), diagnostics


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    data, diagnostics = load(tmp_path, "\ufefftitle: Caf\u00e9\r\nlist:\r\n  - a\r\n".encode())
    assert data == {"title": "Café", "list": ["a"]}
    assert not diagnostics.items


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  - id: one\n    title: |\n      text\n")
    doc = read_yaml(path, "x.yaml", Diagnostics())
    assert doc is not None
    assert str(doc.location(("a", 0, "title"))) == "x.yaml:3:12"
    assert str(doc.location(("a", 0, "title"), key=True)) == "x.yaml:3:5"
    assert str(doc.text_line(("a", 0, "title"), 0)) == "x.yaml:4:1"
    assert str(doc.location(("a", 0, "missing"))) == "x.yaml:2:5"


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off"])
def test_yaml11_booleans_are_errors_with_advice(tmp_path: Path, word: str) -> None:
    data, diagnostics = load(tmp_path, f"location: {word}\n".encode())
    assert data == {"location": word}
    [diagnostic] = list(diagnostics)
    assert diagnostic.code == "yaml.boolean"
    assert f'"{word}"' in diagnostic.message


def test_quoted_booleans_and_true_false_are_left_to_the_schema(tmp_path: Path) -> None:
    data, diagnostics = load(tmp_path, b'a: "no"\nb: true\n')
    assert data == {"a": "no", "b": True}
    assert not diagnostics.items


def test_dates_and_period_keys(tmp_path: Path) -> None:
    data, _ = load(tmp_path, b"start: 2027-03-02\nseries:\n  2026-01: 3\n  2026-02-15: 4\n")
    assert isinstance(data, dict)
    assert str(data["start"]) == "2027-03-02"
    assert list(data["series"]) == ["2026-01", "2026-02-15"]


def test_duplicate_keys_in_nested_mappings(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, b"a:\n  b: 1\n  b: 2\n")
    [diagnostic] = list(diagnostics)
    assert diagnostic.code == "yaml.duplicate-key"
    assert str(diagnostic.location) == "x.yaml:3:3"


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, b"base: &b {x: 1}\nother:\n  <<: *b\n")
    assert [d.code for d in diagnostics] == ["yaml.merge"]


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    data, diagnostics = load(tmp_path, b"a: &x [1, 2]\nb: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2]}
    assert not diagnostics.items


@settings(deadline=None)  # no time limit: the shared CI machine is sometimes slow (no timed tests)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40))
def test_any_quoted_string_round_trips(value: str) -> None:
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        data, diagnostics = load(Path(folder), f"v: {json.dumps(value, ensure_ascii=False)}\n".encode())
    if not diagnostics.items:
        assert data == {"v": value}


def test_tabs_inside_block_text_are_content(tmp_path: Path) -> None:
    data, diagnostics = load(tmp_path, b"a:\n  b: |\n    first\n    \tpasted\tcolumns\n")
    assert data == {"a": {"b": "first\n\tpasted\tcolumns\n"}}
    assert not diagnostics.items


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"published: 2027-02-30\n", "'2027-02-30' is not a real date"),
        (b"title: !custom x\n", "the YAML tag '!custom' is not supported"),
        (b"target: !!float abc\n", "'abc' cannot be read as float"),
    ],
)
def test_values_yaml_cannot_build_are_errors(tmp_path: Path, text: bytes, message: str) -> None:
    _, diagnostics = load(tmp_path, text)
    [diagnostic] = list(diagnostics)
    assert diagnostic.code == "yaml.value"
    assert message in diagnostic.message
    assert str(diagnostic.location) == f"x.yaml:1:{text.index(b': ') + 3}"  # at the value


def node_positions(node: yaml.Node) -> list[tuple[str, str, int, int, int, int, str | None]]:
    """Every node of a graph with its tag, start and end marks and (block) style."""
    found = [(type(node).__name__, node.tag, *start_end(node), getattr(node, "style", None) or None)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += node_positions(key) + node_positions(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += node_positions(item)
    return found


def start_end(node: yaml.Node) -> tuple[int, int, int, int]:
    return node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column


def test_the_fast_parser_is_libyaml() -> None:
    assert FAST_LOADER is yaml.CSafeLoader  # PyYAML built without libyaml would make validate slow


def test_the_fast_parser_gives_the_same_nodes_at_the_same_positions() -> None:
    """libyaml against PyYAML's own parser on every authoring file of the sample (accents included)."""
    root = Path(__file__).resolve().parent.parent
    files = sorted([*root.glob("content/**/*.yaml"), *root.glob("changepackages/*.yaml")])
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, pure = compose(text), yaml.compose(text, Loader=yaml.SafeLoader)
        assert fast is not None and pure is not None
        assert node_positions(fast) == node_positions(pure), path


def test_syntax_errors_keep_the_pure_parsers_wording(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, b"a: [1, 2\nb: 3\n")
    (diagnostic,) = diagnostics.items
    assert "expected ',' or ']'" in diagnostic.message  # libyaml says "did not find expected ',' or ']'"
