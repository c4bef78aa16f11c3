"""Limits and text hygiene (issue 14, defects 12 and 15): nesting depth, text length and catalog
size each with a message naming the limit; control characters and bidirectional overrides are
errors in content, warnings-and-ignored in translations; nothing raw reaches the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import load_knowledge_base, localize
from generator.cli import main
from generator.diagnostics import Diagnostic, Diagnostics, Location, Severity
from generator.editions.view import load_edition
from generator.source.files import MAX_FILE_BYTES
from generator.source.yamlfile import MAX_DEPTH, MAX_TEXT_LENGTH, read_yaml
from generator.text.characters import printable
from tests.conftest import FIXTURES, copy_project
from tests.test_translations_support import TOPIC, context, mini_project, po_path, translate, update

STORY = "content/topics/falls/stories/ward-7.yaml"


def read(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    doc = read_yaml(path, "doc.yaml", diagnostics)
    return doc, [d.format() for d in diagnostics]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 10_000, 100_000])  # libyaml crashed at 100,000
def test_deep_flow_nesting_is_a_located_error(tmp_path: Path, depth: int) -> None:
    doc, messages = read(tmp_path, "title: x\nseries: " + "[" * depth + "]" * depth + "\n")
    assert doc is None
    assert len(messages) == 1 and messages[0].startswith("doc.yaml:2:")
    assert f"nested more than {MAX_DEPTH} levels deep (the limit)" in messages[0] and "[yaml.depth]" in messages[0]


def test_deep_block_nesting_is_a_located_error(tmp_path: Path) -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(2_000)) + "  " * 2_000 + "v: 1\n"
    doc, messages = read(tmp_path, text)
    assert doc is None and len(messages) == 1 and "[yaml.depth]" in messages[0]


def test_text_length_limit_names_itself(tmp_path: Path) -> None:
    _, messages = read(tmp_path, "title: " + "a" * (MAX_TEXT_LENGTH + 1) + "\n")
    assert messages == [
        f"doc.yaml:1:8: error: the text has {MAX_TEXT_LENGTH + 1:,} characters, over the limit of "
        f"{MAX_TEXT_LENGTH:,}; shorten it [text.too-long]"
    ]


@pytest.mark.parametrize(
    ("written", "code_point"),
    [
        ('"a\\0b"', "U+0000"),
        ('"a\\eb"', "U+001B"),
        ('"a\\u202eb"', "U+202E"),
        ("a\u202eb", "U+202E"),
        ("a\u2066b", "U+2066"),
    ],
)
def test_invisible_characters_in_content_are_errors(tmp_path: Path, written: str, code_point: str) -> None:
    _, messages = read(tmp_path, f"title: {written}\n")
    assert messages == [
        f"doc.yaml:1:8: error: the text holds the invisible character {code_point} (a control character or a "
        "bidirectional override, which can hide or reorder text); remove it [text.control]"
    ]


def test_tab_and_newline_are_text(tmp_path: Path) -> None:
    _, messages = read(tmp_path, 'title: "a\\tb"\nsummary: |\n  one\n  two\n')
    assert messages == []


def test_escape_sequence_in_a_bad_id_is_not_echoed_raw(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "minimal", tmp_path / "p")
    story = project.root / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("id: ward-7", 'id: "ward\\e[2J\\u202e-7"'), "utf-8")
    result = CliRunner().invoke(main, ["--project", str(project.root), "validate"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "'ward\\x1b[2J\\u202e-7' is not a valid id" in result.output


def test_diagnostic_lines_are_printable() -> None:
    diagnostic = Diagnostic(Severity.ERROR, Location("a\x1b]0;x\x07.yaml", 1, 1), "bad \x9b\u202e value\nnext", "c")
    assert diagnostic.format() == "a\\x1b]0;x\\x07.yaml:1:1: error: bad \\x9b\\u202e value\\nnext [c]"
    assert printable("tab\tkept") == "tab\tkept"


def test_invisible_characters_in_a_translation_warn_and_are_ignored(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    update(project)
    translate(project, "es", how=lambda ctx, text: f"Texto\u202e {text}\x1b[31m")
    diagnostics = Diagnostics()
    kb = load_knowledge_base(project, diagnostics)
    localize(kb, project, ["es"], diagnostics)
    warnings = [d for d in diagnostics if d.code == "translation.control"]
    assert warnings and all(d.severity is Severity.WARNING for d in warnings)
    assert "invisible character U+202E; it is not shown" in warnings[0].message
    edition = load_edition(kb, "es", project, Diagnostics())
    assert str(edition.text(kb.topics[0].topic, "title")) == kb.topics[0].topic.title  # the source is shown


def test_over_long_translation_warns_and_is_ignored(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    update(project)
    translate(project, "es", how=lambda ctx, text: "x" * (MAX_TEXT_LENGTH + 1) if ctx == context("title") else text)
    diagnostics = Diagnostics()
    kb = load_knowledge_base(project, diagnostics)
    localize(kb, project, ["es"], diagnostics)
    assert any(d.code == "translation.too-long" and f"limit of {MAX_TEXT_LENGTH:,}" in d.message for d in diagnostics)
    edition = load_edition(kb, "es", project, Diagnostics())
    assert str(edition.text(kb.topics[0].topic, "title")) == kb.topics[0].topic.title


def test_catalog_size_limit(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    update(project)
    po = po_path(project, "es")
    po.write_bytes(po.read_bytes() + b"\n# " + b"x" * MAX_FILE_BYTES + b"\n")
    diagnostics = Diagnostics()
    kb = load_knowledge_base(project, Diagnostics())
    load_edition(kb, "es", project, diagnostics)
    assert [d.format().split(": error: ")[1] for d in diagnostics] == [
        f"the file is {(po.stat().st_size) / 1_048_576:.1f} MB, over the limit of 10 MB for one authoring file; "
        "split it (one story per file) or shorten it (the catalog); fix the file: until then it is neither used nor "
        "updated [po.syntax]"
    ]
    assert json.dumps(TOPIC)  # the catalog named is the topic's
