"""`translations status`: counts against the current English, the table, `--lang` and `--fail-under`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import localize
from generator.diagnostics import Diagnostics
from generator.editions.status import CatalogStatus, EditionStatus, edition_status
from generator.editions.view import Completeness
from generator.source.project import Project
from tests.test_translations_support import EPOCH, TOPIC, context, edit, invoke, load, mini_project, translate, update


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = mini_project(tmp_path)
    update(project)
    return project


def status(project: Project, *languages: str) -> dict[str, EditionStatus]:
    langs = list(languages or ("es", "fr"))
    editions = localize(load(project), project, langs, Diagnostics())
    return {lang: edition_status(editions[lang]) for lang in langs}


def counts(status: CatalogStatus) -> tuple[int, int, int]:
    return (status.translated, status.outdated, status.missing)


def test_nothing_translated_is_all_missing(project: Project) -> None:
    es = status(project)["es"]
    assert [(c.catalog, counts(c)) for c in es.catalogs] == [("site", (0, 0, 10)), (TOPIC, (0, 0, 38))]
    assert counts(es.total) == (0, 0, 48)
    assert es.total.translated_percent == 0.0


def test_translated_outdated_and_missing(project: Project) -> None:
    translate(project, "es")
    edit(project.topics / TOPIC / "changes.yaml", "Count demand every day", "Count the demand every day")
    update(project)
    topic = status(project)["es"].catalogs[1]
    assert counts(topic) == (37, 1, 0)
    assert topic.percent(topic.translated) == "97.3%"
    assert topic.percent(topic.outdated) == "2.6%"


def test_a_stale_catalog_counts_new_text_as_missing(project: Project) -> None:
    translate(project, "es")
    edit(
        project.topics / TOPIC / "topic.yaml",
        "  Three steps:\n",
        "  A paragraph nobody has extracted yet.\n\n  Three steps:\n",
    )
    assert counts(status(project)["es"].catalogs[1]) == (38, 0, 1)  # no `update` run: the PO lacks it


def test_a_translation_with_raw_html_counts_as_refused(project: Project) -> None:
    title = context("title")
    translate(project, "es", how=lambda ctx, text: "<b>Acceso</b>" if ctx == title else f"[es] {text}")
    topic = status(project)["es"].catalogs[1]
    assert counts(topic) == (37, 0, 0)
    assert topic.refused == 1


def test_a_fully_translated_edition_is_complete(project: Project) -> None:
    for name in ("site", TOPIC):
        translate(project, "fr", name)
    fr = status(project, "fr")["fr"]
    assert counts(fr.total) == (48, 0, 0)
    assert fr.total.percent(fr.total.translated) == "100.0%"


def test_percentages_never_round_up_to_complete() -> None:
    nearly = CatalogStatus("es", "site", Completeness(translated=1999, missing=1))
    assert nearly.percent(nearly.translated) == "99.9%"
    assert CatalogStatus("es", "empty", Completeness()).translated_percent == 100.0


# Command line ------------------------------------------------------------------------------
def test_status_prints_a_table_per_language(project: Project) -> None:
    translate(project, "es")
    result = invoke(project, "translations", "status")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:6] == [
        "es (Spanish)",
        "  catalog        units   translated  outdated      missing   refused",
        "  site              10     0 (0.0%)  0 (0.0%)  10 (100.0%)  0 (0.0%)",
        "  clinic-access     38  38 (100.0%)  0 (0.0%)     0 (0.0%)  0 (0.0%)",
        "  -------------  -----  -----------  --------  -----------  --------",
        "  total             48   38 (79.1%)  0 (0.0%)   10 (20.8%)  0 (0.0%)",
    ]
    assert "fr (French)" in result.stdout


def test_fail_under_sets_the_exit_status(project: Project) -> None:
    translate(project, "es")
    assert invoke(project, "translations", "status", "--lang", "es", "--fail-under", "75").exit_code == 0
    below = invoke(project, "translations", "status", "--lang", "es", "--fail-under", "90")
    assert below.exit_code == 1
    assert "es: 79.1% translated, under 90%" in below.stderr
    assert invoke(project, "translations", "status", "--fail-under", "75").exit_code == 1  # fr: 0%
    assert "fr (French)" not in invoke(project, "translations", "status", "--lang", "es").stdout


@pytest.mark.parametrize("args", [("--lang", "de"), ("--lang", "en"), ("--fail-under", "120")])
def test_bad_options_are_usage_errors(project: Project, args: tuple[str, ...]) -> None:
    result = invoke(project, "translations", "status", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_collaborative_without_editions_has_nothing_to_report(project: Project) -> None:
    edit(project.collaborative_file, "languages: [en, es, fr]", "languages: [en]")
    result = invoke(project, "translations", "status", "--fail-under", "100")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No editions: the collaborative has only its source language (en)." in result.stderr
