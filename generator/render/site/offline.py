"""The offline edition: the built site as one zip per language that works from `file://` after unzipping.

From `file://` a folder URL opens a directory listing, a root-absolute URL leaves the site, and the
browser refuses to fetch the search index or start a web worker. The zip therefore holds a copy of
the built site in which every internal link names its file (`…/index.html`), root-absolute links
are relative, the search index is also a script (`search/search_index.js`, which Material loads
from `file://`), and the iframe-worker shim (vendored beside this module, MIT) stands in for the
web worker that runs the search. Every edition and every PDF is in each zip, so the language switch
and the PDF links work inside it; the zips differ in the edition their start page opens.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from generator.editions.view import Edition
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.urls import PACKAGES, edition_prefix, offline_folder, offline_zip
from generator.output import replacement, write_atomic

SHIM = Path(__file__).resolve().parent / "vendor" / "iframe-worker.js"
SHIM_PATH = "assets/javascripts/iframe-worker.js"  # inside the site tree of the zip
PAGES = "site"  # the site tree's folder inside the zip's top folder
ATTRIBUTE = re.compile(r'(?P<name>\s(?:href|src))="(?P<url>[^"]*)"')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
OFFLINE_BLOCK = re.compile(r'<div class="ck-offline"[^>]*>.*?</div>', re.DOTALL)
#: Material fetches each alternate's sitemap.xml, which a browser refuses from `file://`; the
#: language selector's own links (theme/partials/alternate.html) go to the same page without it.
ALTERNATE = re.compile(r'<link rel="alternate"[^>]*\shreflang="[^"]*"[^>]*>\n?')
#: The change-packages page's link to the zip (tools.py `offline_link`), whose size is known only
#: once the zip is written.
DOWNLOAD_LINK = re.compile(r'(<a class="ck-download"[^>]*>[^<]*)(</a>)')
#: The zip's entries carry one fixed time: the same site gives the same bytes.
EPOCH = (2000, 1, 1, 0, 0, 0)


def package_offline(kb: KnowledgeBase, editions: list[Edition], site: Path, site_url: str | None) -> list[Path]:
    """Write `<lang-prefix>downloads/<name>.zip` for every edition built, from the finished tree `site`.

    The site is compressed once, into a file beside the tree; each language's zip is a copy of
    that archive with its own start page added. The archives are written to disk as they are
    made: none is held in memory.
    """
    root = urlsplit(site_url).path if site_url else "/"
    root = root if root.endswith("/") else root + "/"
    top = offline_folder(kb)
    fd, name = tempfile.mkstemp(prefix=".offline.", suffix=".zip", dir=site.parent)
    common = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for relative, data in offline_entries(site, root):
                add_entry(archive, f"{top}/{PAGES}/{relative}", data)
        return [edition_zip(kb, edition, site, common, top) for edition in editions]
    finally:
        common.unlink(missing_ok=True)


def edition_zip(kb: KnowledgeBase, edition: Edition, site: Path, common: Path, top: str) -> Path:
    """The common archive with this edition's start page; the zip's size is given on the edition's
    change-packages page."""
    target = site / edition_prefix(kb, edition.lang) / offline_zip(kb, edition.lang)
    appended_copy(common, target, f"{top}/index.html", start_page(kb, edition).encode("utf-8"))
    give_size(
        site / edition_prefix(kb, edition.lang) / PACKAGES.replace(".md", ".html"), edition, target.stat().st_size
    )
    return target


def appended_copy(archive: Path, target: Path, name: str, data: bytes) -> None:
    """``archive`` with one more entry, written to ``target`` (left as it is when unchanged)."""
    with replacement(target, keep_identical=True) as partial:
        shutil.copyfile(archive, partial)
        with zipfile.ZipFile(partial, "a") as copy:
            add_entry(copy, name, data)


def give_size(page: Path, edition: Edition, size: int) -> None:
    """Add the zip's size to the download link of the edition's change-packages page (the copy of the
    page inside the zip has no such link, so nothing in the zip depends on its size)."""
    try:
        text = page.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    label = html.escape(edition.labels.file_size(size))
    sized = DOWNLOAD_LINK.sub(lambda m: f"{m[1]} · {label}{m[2]}", text, count=1)
    if sized != text:
        write_atomic(page, sized.encode("utf-8"))  # a new file: a page linked from the published site stays as it was


def offline_entries(site: Path, root: str) -> Iterator[tuple[str, bytes]]:
    """Every file of the site tree as it goes into the zip (paths relative to the tree)."""
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or is_download(relative):
            continue
        data = path.read_bytes()
        if relative.endswith(".html"):
            yield relative, offline_page(data.decode("utf-8"), relative, root).encode("utf-8")
        elif relative.endswith("search/search_index.json"):
            yield relative, data
            script = relative.removesuffix(".json") + ".js"
            yield script, ("var __index = " + offline_index(data.decode("utf-8"))).encode("utf-8")
        else:
            yield relative, data
    yield SHIM_PATH, SHIM.read_bytes()


def is_download(relative: str) -> bool:
    """The zips themselves (never inside one another)."""
    parts = relative.split("/")
    return len(parts) >= 2 and parts[-2] == "downloads" and parts[-1].endswith(".zip")


def offline_page(text: str, relative: str, root: str) -> str:
    """One built page made to work from `file://`: file links, the worker shim, no sitemap lookups and
    no link to the offline download it is part of."""
    folder = posixpath.dirname(relative)
    text = ATTRIBUTE.sub(lambda m: f'{m["name"]}="{html.escape(file_url(m["url"], folder, root))}"', text)
    shim = posixpath.relpath(SHIM_PATH, folder or ".")
    text = text.replace("</head>", f'<script src="{shim}"></script>\n</head>', 1)
    return ALTERNATE.sub("", OFFLINE_BLOCK.sub("", text))


def file_url(url: str, folder: str, root: str) -> str:
    """An address as it works from `file://`: folders name their index.html, root paths are relative."""
    url = html.unescape(url)
    if not url or url.startswith("#") or url.startswith("//") or SCHEME.match(url):
        return url
    path, mark, rest = partition_url(url)
    if path.startswith("/"):
        if not path.startswith(root):
            return url
        path = posixpath.relpath(path[len(root) :] or ".", folder or ".") + ("/" if path.endswith("/") else "")
    return file_path(path) + mark + rest


def partition_url(url: str) -> tuple[str, str, str]:
    """`path`, the first `?` or `#`, and what follows it."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut : cut + 1], url[cut + 1 :]


def file_path(path: str) -> str:
    """A folder path (`x/`, `.`, `..`, ``) names its `index.html`."""
    if path == "":
        return "index.html"
    if path.endswith("/") or path.rsplit("/", 1)[-1] in (".", ".."):
        return path.rstrip("/") + "/index.html"
    return path


def offline_index(data: str) -> str:
    """The search index with each result's address naming its file."""
    index = json.loads(data)
    for doc in index.get("docs", []):
        path, mark, rest = partition_url(doc.get("location", ""))
        doc["location"] = file_path(path) + mark + rest
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def add_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, EPOCH)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED if name.endswith((".pdf", ".woff2", ".png")) else zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def start_page(kb: KnowledgeBase, edition: Edition) -> str:
    """`index.html` at the top of the unzipped folder: opens this edition's home page."""
    home = f"{PAGES}/{edition_prefix(kb, edition.lang)}index.html"
    title = html.escape(str(edition.text(kb.collaborative, "title")))
    label = html.escape(edition.gettext("Open the offline edition"))
    return (
        f'<!doctype html>\n<html lang="{edition.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={home}">\n<title>{title}</title>\n</head>\n'
        f'<body>\n<h1>{title}</h1>\n<p><a href="{home}">{label}</a></p>\n</body>\n</html>\n'
    )
