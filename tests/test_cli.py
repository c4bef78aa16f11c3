"""Command line: exit codes (0 ok, 1 content errors, 2 usage), output, scaffolds, schema."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main
from generator.source.project import Project


def invoke(project: Project, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project.root), *args])


def test_validate_success(minimal_project: Project) -> None:
    result = invoke(minimal_project, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "Valid: 1 topic," in result.stdout


def test_validate_turns_the_garbage_collector_back_on(minimal_project: Project) -> None:
    """validate runs without the cyclic collector (it frees little) and gives it back, even on errors."""
    assert invoke(minimal_project, "validate").exit_code == 0
    assert gc.isenabled()
    path = minimal_project.topics / "falls" / "topic.yaml"
    path.write_text(path.read_text().replace("title: Inpatient falls", "title: [broken"))
    assert invoke(minimal_project, "validate").exit_code == 1
    assert gc.isenabled()


def console(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script (`python -m generator` calls it), with its output in pipes."""
    command = [sys.executable, "-m", "generator", "--project", str(project.root), *args]
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_validate_ends_the_process_with_its_output_and_code(minimal_project: Project) -> None:
    """The console script ends `validate` without the interpreter's teardown: what it printed to
    pipes arrives whole, and the exit code is the command's."""
    valid = console(minimal_project, "validate", "--strict")
    assert (valid.returncode, valid.stderr) == (0, "")
    assert valid.stdout.startswith("Valid: 1 topic,") and valid.stdout.endswith(" s).\n")
    path = minimal_project.topics / "falls" / "topic.yaml"
    path.write_text(path.read_text().replace("title: Inpatient falls", "title: [broken"))
    broken = console(minimal_project, "validate")
    assert broken.returncode == 1 and broken.stdout == ""
    assert "topic.yaml:" in broken.stderr and broken.stderr.endswith("Aborted with 1 error and 0 warnings.\n"), (
        broken.stderr
    )
    usage = console(minimal_project, "validate", "--no-such-option")
    assert usage.returncode == 2 and "No such option" in usage.stderr


def test_validate_ends_cleanly_when_its_output_is_gone(minimal_project: Project) -> None:
    """A closed standard output, or a reader that left (`| head`): no traceback."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "generator", "--project", str(minimal_project.root), "validate"]
    closed = subprocess.run(command, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=lambda: os.close(1))
    assert (closed.returncode, closed.stderr) == (0, "")
    reader, writer = os.pipe()
    os.close(reader)
    try:
        left = subprocess.run(command, stdout=writer, stderr=subprocess.PIPE, text=True, env=env)
    finally:
        os.close(writer)
    assert left.returncode == 1 and "Traceback" not in left.stderr  # click's answer to a broken pipe


def test_unknown_command_is_a_usage_error(minimal_project: Project) -> None:
    assert invoke(minimal_project, "frobnicate").exit_code == 2


def test_content_error_has_no_traceback_unless_debug(minimal_project: Project) -> None:
    path = minimal_project.topics / "falls" / "topic.yaml"
    path.write_text(path.read_text().replace("title: Inpatient falls", "title: [broken"))
    result = invoke(minimal_project, "validate")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "topic.yaml:3:8: error: YAML syntax error" in result.stderr
    assert result.stderr.endswith("Aborted with 1 error and 0 warnings.\n")


def test_new_scaffolds_are_valid_and_never_overwrite(minimal_project: Project) -> None:
    assert invoke(minimal_project, "new", "topic", "delirium").exit_code == 0
    assert invoke(minimal_project, "new", "story", "delirium/ward-3").exit_code == 0
    assert invoke(minimal_project, "new", "package", "delirium-2027", "--topic", "delirium").exit_code == 0
    result = invoke(minimal_project, "validate")
    assert result.exit_code == 0, result.stderr
    assert "0 errors" in result.stderr
    strict = invoke(minimal_project, "validate", "--strict")  # the scaffolds' example text is still there
    assert strict.exit_code == 1
    placeholders = [line for line in strict.stderr.splitlines() if line.endswith("[content.placeholder]")]
    assert {line.split(":")[0] for line in placeholders} == {
        "changepackages/delirium-2027.yaml",
        "content/topics/delirium/topic.yaml",
        "content/topics/delirium/changes.yaml",
        "content/topics/delirium/measures.yaml",
        "content/topics/delirium/stories/ward-3.yaml",
    }
    topic_file = minimal_project.topics / "delirium" / "topic.yaml"
    assert topic_file.read_text().startswith("# yaml-language-server: $schema=../../../schemas/topic.schema.json")
    before = topic_file.read_bytes()
    again = invoke(minimal_project, "new", "topic", "delirium")
    assert again.exit_code == 2
    assert "error: content/topics/delirium already exists; `changekit new` never overwrites" in again.stderr
    assert "topic.yaml" not in again.stderr  # the folder, not each of its files
    assert topic_file.read_bytes() == before


def test_new_rejects_bad_ids(minimal_project: Project) -> None:
    result = invoke(minimal_project, "new", "topic", "Bad_Id")
    assert result.exit_code == 2
    assert "not a valid topic id" in result.stderr
    assert invoke(minimal_project, "new", "story", "nosuchtopic/x").exit_code == 2


def test_schema_files_describe_the_format(minimal_project: Project) -> None:
    result = invoke(minimal_project, "schema")
    assert result.exit_code == 0
    schema = json.loads((minimal_project.schemas / "changes.schema.json").read_text())
    idea = schema["$defs"]["ChangeIdea"]
    assert idea["additionalProperties"] is False
    assert idea["properties"]["how_to_test"]["anyOf"][0]["x-changekit-markdown"] is True
    assert "PDSA" in idea["properties"]["how_to_test"]["description"]
    assert set(Path(p).name for p in minimal_project.schemas.iterdir()) == {
        f"{n}.schema.json" for n in ("collaborative", "topic", "changes", "measures", "story", "changepackage")
    }


def test_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    """schemas/ is committed so editors complete fields right after a clone."""
    from generator.authoring.schema import write_schemas

    root = Path(__file__).resolve().parent.parent
    for path in write_schemas(tmp_path):
        assert path.read_text() == (root / "schemas" / path.name).read_text(), f"run `changekit schema` ({path.name})"


def test_a_site_only_build_says_whether_pdfs_were_kept(tmp_path: Path) -> None:
    """`build --no-pdf` keeps the PDFs a site holds; on a site without any it says how to print them."""
    from generator.build import BuildResult
    from generator.cli.build import has_pdfs, summary

    site = tmp_path / "site"
    (site / "es" / "change-packages").mkdir(parents=True)
    result = BuildResult(["en", "es"], {"en": 10, "es": 10})
    assert not has_pdfs(site)
    assert "PDFs: none yet; a build without --no-pdf prints them." in summary(
        result, "site", pdf=False, kept_pdfs=has_pdfs(site)
    )
    (site / "es" / "change-packages" / "falls-2027.pdf").write_bytes(b"%PDF-1.7")
    assert has_pdfs(site)
    text = summary(result, "site", pdf=False, kept_pdfs=has_pdfs(site))
    assert "PDFs: not rebuilt; the ones already in the site were kept." in text
    assert "PDFs:" not in summary(result, "site", pdf=True)
