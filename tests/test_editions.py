"""The localized view: one answer to "what does this edition show, and is it translated?".

The edition's home page, the PDF imprint and `translations status` all count through
`Edition.translate`; a partly translated fixture with outdated and refused translations must
give the same numbers in all three. Every reader-visible field of the models is translatable
or declared to stay as written.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.check import localize
from generator.diagnostics import Diagnostics
from generator.editions.view import Edition
from generator.model import ChangePackage, ChangesFile, Collaborative, MeasuresFile, TeamStory, Topic
from generator.model.fields import Translatable, Verbatim
from generator.render.pdf import render_package_html
from generator.render.site.render import render_site
from generator.source.project import Project
from tests.test_translations_support import EPOCH, TOPIC, context, edit, invoke, load, mini_project, translate, update


@pytest.fixture
def partly_translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """es: the topic translated but for one outdated, one refused and one missing entry."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = mini_project(tmp_path)
    update(project)
    title, aim = context("title"), context("aim")

    def translator(ctx: str, text: str) -> str:
        if ctx == title:
            return "Acceso <b>hoy</b>"  # refused: raw HTML
        if ctx == aim:
            return ""  # missing
        return f"[es] {text}"

    translate(project, "es", how=translator)
    edit(project.topics / TOPIC / "changes.yaml", "Count demand every day", "Count the demand every day")
    update(project)  # one entry becomes outdated (fuzzy)
    return project


def edition(project: Project, lang: str = "es") -> Edition:
    return localize(load(project), project, [lang], Diagnostics())[lang]


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def test_the_three_reports_count_alike(partly_translated: Project) -> None:
    es = edition(partly_translated)
    counts = es.completeness()
    assert (counts.outdated, counts.refused) == (1, 1)
    assert counts.missing > 1  # the site catalog is untranslated, and one topic entry

    status = invoke(partly_translated, "translations", "status", "--lang", "es")
    total = next(line for line in status.stdout.splitlines() if line.strip().startswith("total"))
    units = int(total.split()[1])
    translated, outdated, missing, refused = (int(n) for n in re.findall(r"(\d+) \(", total))
    assert (units, translated, outdated, missing, refused) == (
        counts.total,
        counts.translated,
        counts.outdated,
        counts.missing,
        counts.refused,
    )

    home = next(page for page in render_site(es, ["en", "es"]) if page.path == "index.md").markdown
    note = es.labels.completeness(counts)
    assert " ".join(note.split()) in " ".join(home.split())

    kb = es.kb
    package = kb.packages[0]
    assert ["site", *package.topics] == ["site", TOPIC]  # the package covers the whole edition
    imprint = render_package_html(kb, es, package)
    assert note in imprint
    assert numbers(note)[:3] == [counts.percent, counts.translated, counts.total]


def test_a_refused_translation_is_shown_in_the_source_language(partly_translated: Project) -> None:
    es = edition(partly_translated)
    topic = es.kb.topics[0].topic
    shown = es.text(topic, "title")
    assert shown is not None
    assert shown.status == "refused" and shown.fallback
    assert "<b>" not in shown and shown == topic.title


def test_validate_reports_the_refusal_at_the_msgstr(partly_translated: Project) -> None:
    result = invoke(partly_translated, "validate")
    assert f"content/translations/es/{TOPIC}.po:" in result.stderr
    assert "translation contains raw HTML (<b>, </b>); it is not shown [translation.html]" in result.stderr


# Every reader-visible text is translatable or declared verbatim -----------------------------
ROOTS: tuple[type[BaseModel], ...] = (Collaborative, Topic, ChangesFile, MeasuresFile, TeamStory, ChangePackage)


def string_fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> list[tuple[str, Any]]:
    """(model.field, metadata) of every string-valued field reachable from ``model``."""
    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)
    found: list[tuple[str, Any]] = []
    for name, info in model.model_fields.items():
        for annotation, metadata in leaves(info.annotation, list(info.metadata)):
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found += string_fields(annotation, seen)
            elif annotation is str:
                found.append((f"{model.__name__}.{name}", metadata))
    return found


def leaves(annotation: Any, metadata: list[Any]) -> list[tuple[Any, list[Any]]]:
    """The innermost types of an annotation (through Optional, list, dict, Annotated), each with
    the metadata that applies to it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return leaves(inner, [*metadata, *extra])
    if origin is typing.Literal:
        return []  # an enumeration: shown through the labels, each value translated
    if origin is not None:
        return [leaf for arg in typing.get_args(annotation) for leaf in leaves(arg, metadata)]
    return [(annotation, metadata)]


def test_every_string_field_is_translatable_or_declared_verbatim() -> None:
    undeclared = [
        name
        for root in ROOTS
        for name, metadata in string_fields(root)
        if not any(isinstance(m, Translatable | Verbatim) for m in metadata)
    ]
    assert not undeclared, f"mark these Text/MarkdownText, or Name/Citation/…: {undeclared}"


def test_the_fields_that_became_translatable() -> None:
    translatable = {
        name for root in ROOTS for name, meta in string_fields(root) if any(isinstance(m, Translatable) for m in meta)
    }
    for name in (
        "Quote.role",
        "TeamStory.location",
        "FacultyMember.affiliation",
        "TimelineEvent.location",
        "SettingLabel.label",
        "SeriesAnnotation.text",
    ):
        assert name in translatable


# Labels and theme strings ------------------------------------------------------------------
def test_labels_format_for_the_reader(partly_translated: Project) -> None:
    kb = load(partly_translated)
    fr = localize(kb, partly_translated, ["fr"], Diagnostics())["fr"].labels
    es = localize(kb, partly_translated, ["es"], Diagnostics())["es"].labels
    assert fr.percent(1.5) == "1,5\u202f%"  # a narrow no-break space: the line never breaks before %
    assert fr.number(1500, 0) == "1\u202f500"
    assert es.licence("CC-BY-4.0") == "Creative Commons Atribución 4.0 Internacional"
    assert es.licence_url("CC-BY-4.0") == "https://creativecommons.org/licenses/by/4.0/"
    assert es.setting("intensive-care") == "Cuidados intensivos"
    assert es.setting("rural-clinic") == "Rural clinic"  # undeclared: the slug as words (and a warning)
    assert fr.file_size(1_389_204) == "1,4\u202fMo" and es.file_size(1_389_204) == "1,4 MB"
    assert fr.file_size(497_987) == "498\u202fko" and es.file_size(400) == "1 kB"  # never "0 kB"
    assert fr.page_count(1) == "1 page" and es.page_count(156) == "156 páginas"


def test_the_palette_toggle_follows_the_edition(partly_translated: Project) -> None:
    from generator.render.site.config import language_config

    (partly_translated.root / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  palette:\n"
        "    - scheme: default\n      toggle: {icon: material/weather-night, name: Dark mode}\n"
        "    - scheme: slate\n      toggle: {icon: material/weather-sunny, name: Light mode}\n"
    )
    kb = load(partly_translated)
    es = localize(kb, partly_translated, ["es"], Diagnostics())["es"]
    config = language_config(partly_translated, kb, es, render_site(es, ["es"]), ["en", "es"])
    names = [entry["toggle"]["name"] for entry in config["theme"]["palette"]]
    assert names == ["Modo oscuro", "Modo claro"]


def test_a_setting_without_a_label_is_a_warning(partly_translated: Project) -> None:
    story = next((partly_translated.topics / TOPIC / "stories").glob("*.yaml"))
    text = story.read_text()
    story.write_text(text.replace("location: Porto, Portugal\n", "location: Porto, Portugal\nsetting: rural-clinic\n"))
    result = invoke(partly_translated, "validate")
    assert "setting 'rural-clinic' has no label; declare it in content/collaborative.yaml" in result.stderr
    assert "[setting.label]" in result.stderr
