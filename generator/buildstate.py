"""What the last build left in `site/` and from which inputs: lets a build skip what did not change.

`build/build-state.json` records, after each successful build, a digest of every input (content,
packages, mkdocs.yml, theme/, Changekit and the tools' versions), a listing of `site/` as the
build left it, the editions and PDFs that came from those inputs, and each edition's MkDocs
inputs (its generated Markdown and config). A build whose inputs, options and `site/` match has
nothing to do; otherwise an edition whose MkDocs inputs did not change is reused, not rebuilt.
It also records each PDF's size and page count, for the download buttons of a build that keeps
the PDFs (`--no-pdf`, `--lang`) or a preview.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic, Location, Severity
from generator.render.downloads import Download, Downloads
from generator.source.files import RefusedFileError, read_limited
from generator.source.project import Project

if TYPE_CHECKING:  # the up-to-date check runs before the knowledge base (and pydantic) is imported
    from generator.knowledge.kb import KnowledgeBase

logger = logging.getLogger(__name__)

STATE_FILE = "build-state.json"
#: Code and templates of Changekit itself: a different generator may write different pages.
PACKAGE = Path(__file__).resolve().parent
TOOLS = ("mkdocs", "mkdocs-material", "weasyprint", "pydantic", "babel", "jinja2", "markdown", "pymdown-extensions")


@dataclass
class BuildStamp:
    """One successful build: its inputs, what it left in site/, and what of that is current."""

    inputs: str
    site: str = ""
    all_languages: list[str] = field(default_factory=list)  # the collaborative's, source first
    languages: list[str] = field(default_factory=list)  # editions in site/ built from `inputs`
    pdf_languages: list[str] = field(default_factory=list)  # languages whose PDFs are built from `inputs`
    pages: dict[str, int] = field(default_factory=dict)
    editions: dict[str, str] = field(default_factory=dict)  # language → digest of its MkDocs inputs
    warnings: list[dict[str, str | int]] = field(default_factory=list)  # repeated by a build that skips
    downloads: dict[str, dict[str, str | int]] = field(default_factory=dict)  # site path of a PDF → its facts

    def diagnostics(self) -> list[Diagnostic]:
        """The warnings of the stamped build, to report again when a build finds nothing to do."""
        return [
            Diagnostic(
                Severity(str(w["severity"])),
                Location(str(w["path"]), sheet=str(w["sheet"]), line=int(w["line"]), column=int(w["column"]))
                if w["path"]
                else None,
                str(w["message"]),
                str(w["code"]),
                str(w["item"]),
            )
            for w in self.warnings
        ]

    def requested(self, languages: list[str] | None) -> list[str]:
        """The languages a build of `languages` (None or empty: all) makes, source first."""
        return [lang for lang in self.all_languages if not languages or lang in languages]


def hash_files(sha: hashlib._Hash, root: Path, files: Iterable[Path], *, contents: bool) -> None:
    """Each file's path and its bytes (or, for `contents=False`, its size and modification time)."""
    for path in sorted(files):
        sha.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        sha.update(file_fingerprint(path, root, contents=contents))
        sha.update(b"\0")


def file_fingerprint(path: Path, root: Path, *, contents: bool) -> bytes:
    """A file's bytes (read as authoring files are: a FIFO, a link out of ``root`` or an oversized
    file is never read, only named) or its size and time; the pipeline then reports it."""
    try:
        if contents:
            return read_limited(path, root)
        stat = path.stat()
    except RefusedFileError as exc:
        return f"refused {exc.code}".encode()
    except OSError as exc:
        return f"unreadable {exc.errno}".encode()
    return f"{stat.st_size} {stat.st_mtime_ns}".encode()


def files_under(folder: Path) -> list[Path]:
    return [Path(top, name) for top, _, names in os.walk(folder) for name in names] if folder.is_dir() else []


def tools_digest() -> str:
    """Changekit's own files (by size and time) and the versions of the tools it runs."""
    from importlib import metadata  # 10 ms: only builds read it, never `validate`

    sha = hashlib.sha256(sys.version.encode())
    hash_files(sha, PACKAGE, [p for p in files_under(PACKAGE) if "__pycache__" not in p.parts], contents=False)
    for tool in TOOLS:
        try:
            sha.update(f"{tool} {metadata.version(tool)}\0".encode())
        except metadata.PackageNotFoundError:
            sha.update(f"{tool} -\0".encode())
    return sha.hexdigest()


def site_inputs_digest(project: Project) -> str:
    """What every edition's MkDocs build reads besides its own pages: mkdocs.yml (and the environment
    variables it reads), theme/, the tools."""
    sha = hashlib.sha256(tools_digest().encode())
    files = [*files_under(project.theme), *([project.mkdocs_yml] if project.mkdocs_yml.is_file() else [])]
    hash_files(sha, project.root, files, contents=True)
    sha.update(config_environment(project.mkdocs_yml).encode("utf-8", "surrogateescape"))
    return sha.hexdigest()


def config_environment(mkdocs_yml: Path) -> str:
    """The environment variables mkdocs.yml may read with `!ENV` (`site_url: !ENV [SITE_URL, …]`), with
    their values: every set variable whose name occurs in the file, in any of the tag's forms. Empty
    when the file has no `!ENV`."""
    try:
        text = mkdocs_yml.read_text("utf-8", errors="replace")
    except OSError:
        return ""
    if "!ENV" not in text:
        return ""
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    return "\0".join(f"{name}={os.environ[name]}" for name in sorted(words) if name in os.environ)


def inputs_digest(project: Project, site_url: str | None = None) -> str:
    """Every input of a build: content/ (with its catalogs), changepackages/, the site's inputs,
    and the public address given on the command line."""
    sha = hashlib.sha256(f"{site_inputs_digest(project)} {site_url or ''}".encode())
    hash_files(sha, project.root, [*files_under(project.content), *files_under(project.packages)], contents=True)
    return sha.hexdigest()


def edition_digest(environment: str, docs: Path, config: Path) -> str:
    """An edition's MkDocs inputs: its generated pages and config, and `environment` (site_inputs_digest)."""
    sha = hashlib.sha256(environment.encode())
    hash_files(sha, config.parent, [*files_under(docs), config], contents=True)
    return sha.hexdigest()


def site_digest(site: Path) -> str:
    """`site/` as a build left it: every file's path, size and modification time (a rewrite shows)."""
    sha = hashlib.sha256()
    hash_files(sha, site, files_under(site), contents=False)
    return sha.hexdigest() if site.is_dir() else ""


def state_path(project: Project) -> Path:
    return project.build / STATE_FILE


def read_stamp(project: Project) -> BuildStamp | None:
    """The last build's stamp, or None (no build yet, or a stamp this version cannot read)."""
    try:
        return BuildStamp(**json.loads(state_path(project).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def write_stamp(project: Project, stamp: BuildStamp) -> None:
    from generator.output import write_text

    write_text(state_path(project), json.dumps(asdict(stamp), indent=1, sort_keys=True) + "\n")


def site_intact(project: Project, stamp: BuildStamp | None) -> BuildStamp | None:
    """The stamp, if `site/` is still exactly as the stamped build left it."""
    return stamp if stamp is not None and stamp.site and stamp.site == site_digest(project.site) else None


def satisfies(stamp: BuildStamp, inputs: str, languages: list[str] | None, pdf: bool) -> bool:
    """Whether the stamped site already holds what a build of `languages` (None: all) would make."""
    if languages and not set(languages) <= set(stamp.all_languages):
        return False  # an unknown language: the build reports it
    wanted = set(stamp.requested(languages))
    if not wanted or stamp.inputs != inputs or not wanted <= set(stamp.languages):
        return False
    return not pdf or wanted <= set(stamp.pdf_languages)


def current_build(
    project: Project, languages: list[str] | None, pdf: bool, site_url: str | None = None
) -> BuildStamp | None:
    """The stamp of the last build if a build with these options would change nothing, else None.

    The caller reports the stamp's warnings again (and fails under --strict when there are any).
    """
    stamp = site_intact(project, read_stamp(project))
    return stamp if stamp is not None and satisfies(stamp, inputs_digest(project, site_url), languages, pdf) else None


def stored(diagnostics: Iterable[Diagnostic]) -> list[dict[str, str | int]]:
    """Diagnostics as the stamp keeps them."""
    return [
        {
            "severity": str(d.severity),
            "path": d.location.path if d.location else "",
            "sheet": d.location.sheet if d.location else "",
            "line": d.location.line if d.location else 0,
            "column": d.location.column if d.location else 0,
            "message": d.message,
            "code": d.code,
            "item": d.item,
        }
        for d in diagnostics
    ]


# The PDFs' facts -------------------------------------------------------------------------------
def site_pdfs(kb: KnowledgeBase, site: Path) -> Iterable[tuple[str, str, str, int, str]]:
    """(package id, language, path in site/, size, sha256) of every published PDF `site/` holds."""
    from generator.knowledge.urls import edition_prefix, pdf_file

    for package in kb.packages:
        for lang in kb.package_languages(package):
            relative = edition_prefix(kb, lang) + pdf_file(package.id)
            try:
                data = (site / relative).read_bytes()
            except OSError:
                continue  # no PDF there yet
            yield package.id, lang, relative, len(data), hashlib.sha256(data).hexdigest()


def published_downloads(kb: KnowledgeBase, site: Path, stamp: BuildStamp | None) -> dict[tuple[str, str], Download]:
    """The PDFs already in `site/`: their size, and their page count where the stamp describes this
    very file (same bytes); a PDF written since (`changekit pdf`) has its size only."""
    found = {}
    for package, lang, relative, size, sha in site_pdfs(kb, site):
        record = stamp.downloads.get(relative, {}) if stamp is not None else {}
        pages = int(record["pages"]) if record.get("sha256") == sha else None
        found[package, lang] = Download(size, pages)
    return found


def download_records(kb: KnowledgeBase, site: Path, downloads: Downloads) -> dict[str, dict[str, str | int]]:
    """What the stamp keeps of the PDFs in `site/` whose page count is known."""
    records: dict[str, dict[str, str | int]] = {}
    for package, lang, relative, size, sha in site_pdfs(kb, site):
        download = downloads.get((package, lang))
        if download is not None and download.pages is not None and download.size == size:
            records[relative] = {"sha256": sha, "size": size, "pages": download.pages}
    return records
