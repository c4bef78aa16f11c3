"""The site's public address: `site_url` in mkdocs.yml, or `build --site-url`; local addresses do not count."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from generator.diagnostics import Diagnostics, Location, UsageError
from generator.source.files import exists
from generator.source.mkdocs_config import load_base_config
from generator.source.project import Project

#: Host names that only ever mean "this computer".
LOCAL_HOSTS = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def read_mkdocs_config(project: Project) -> dict[str, Any]:
    """The organizer's mkdocs.yml (with MkDocs' own loader: `!ENV`, `!relative`, INHERIT), after a
    safe check (located syntax errors, alias expansion limited): `source.mkdocs_config`."""
    if not exists(project.mkdocs_yml):
        raise UsageError(
            f"{project.display(project.mkdocs_yml)} is missing: the site needs its base configuration"
            " (`changekit init` writes one; see `changekit guide customizing`)"
        )
    return load_base_config(project.mkdocs_yml, project.display(project.mkdocs_yml))


def is_local(url: str) -> bool:
    """Whether an address only works on the build machine (localhost, 127.x, ::1, 0.0.0.0)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def site_url_location(project: Project) -> Location:
    """mkdocs.yml, at its `site_url:` line when it has one."""
    lines = project.mkdocs_yml.read_text(encoding="utf-8", errors="replace").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("site_url:")), 0)
    return Location(project.display(project.mkdocs_yml), line, len("site_url: ") + 1 if line else 0)


def public_address(project: Project, override: str | None, diagnostics: Diagnostics) -> str | None:
    """The site's public address with a trailing slash, or None (with a `site.url` warning) when
    it is missing or local: pages then carry no absolute links and PDFs print no online links."""
    configured = override if override is not None else read_mkdocs_config(project).get("site_url")
    where = Location("--site-url") if override is not None else site_url_location(project)
    if not isinstance(configured, str) or not configured.strip():
        diagnostics.warning(
            where,
            "no public address: set site_url in mkdocs.yml (or pass --site-url); until then the PDFs print"
            " no links to the online site (see `changekit guide publishing`)",
            "site.url",
        )
        return None
    url = configured.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"the site's address must start with https:// (or http://), not '{url}'")
    if is_local(url):
        diagnostics.warning(
            where,
            f"the site's address {url} only works on this computer: the pages and PDFs get no links to it;"
            " set the public address in site_url in mkdocs.yml (or pass --site-url)",
            "site.url",
        )
        return None
    return url if url.endswith("/") else url + "/"
