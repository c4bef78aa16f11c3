"""One small MkDocs configuration per language: INHERIT the organizer's mkdocs.yml, add what differs."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from generator.editions.view import Edition
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.urls import (
    ABOUT,
    HOME,
    IDEAS,
    PACKAGES,
    TOPICS,
    concept_page,
    edition_prefix,
    facet_page,
    measure_page,
    story_page,
    topic_page,
)
from generator.render.site.facets import collect_facets
from generator.render.site.render import Page
from generator.render.theme import ASSEMBLED
from generator.source.address import read_mkdocs_config
from generator.source.project import Project

HOOKS = Path(__file__).resolve().parent / "hooks"
#: Our MkDocs hooks: the output sanitizer on every page's content, the accent-folded search index,
#: theme files no page requests left out of the site, each page's navigation scoped to its topic,
#: the built pages without the theme's indentation, and the stylesheets cut to the rules in use.
OUR_HOOKS = ("sanitize.py", "search_fold.py", "site_files.py", "scoped_nav.py", "compact_html.py", "slim_css.py")
STAGING = "site.staging"  # inside build/: MkDocs writes here; the finished tree is swapped into site/
#: Split words on spaces, hyphens and punctuation (French elisions too); keep decimals whole.
SEARCH_SEPARATOR = r"[\s\u200b\-_,;:!?=\[\]()\"'’«»“”/]+|\.(?!\d)|&[lg]t;"
#: Unresolved links and anchors are warnings, which `strict` turns into a failed build.
VALIDATION = {
    "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
    "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"},
}


def read_base_config(project: Project) -> dict[str, Any]:
    """The organizer's mkdocs.yml (with MkDocs' own loader: `!ENV`, `!relative`, INHERIT)."""
    return read_mkdocs_config(project)


#: Markdown extensions the generated pages rely on (anchors, admonitions, tables, HTML blocks).
REQUIRED_EXTENSIONS: dict[str, Any] = {
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "tables": {},
    "def_list": {},
    "footnotes": {},
    "toc": {"permalink": True},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
}


def as_mapping(value: Any) -> dict[str, Any]:
    """`plugins`/`markdown_extensions` as a mapping: INHERIT lets a mapping replace a list, so the
    per-language config must repeat a list's entries."""
    if isinstance(value, dict):
        return dict(value)
    mapping: dict[str, Any] = {}
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str):
            mapping[entry] = {}
        elif isinstance(entry, dict):
            mapping.update(entry)
    return mapping


#: The built-in theme's settings, used where mkdocs.yml sets none of its own.
THEME_DEFAULTS: dict[str, Any] = {
    "name": "material",
    "logo": "assets/logo.svg",
    "favicon": "assets/favicon.svg",
    "icon": {"alternate": "material/translate"},
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "custom",  # the colours are set in the built-in stylesheet
            "accent": "custom",
            "toggle": {"icon": "material/weather-night", "name": "Dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "custom",
            "accent": "custom",
            "toggle": {"icon": "material/weather-sunny", "name": "Light mode"},
        },
    ],
    "features": [
        "navigation.tabs",
        "navigation.prune",  # a page carries the navigation around it, not every topic's pages
        "navigation.indexes",
        "navigation.top",
        "search.highlight",
        "search.suggest",
        "content.tooltips",
        "toc.follow",
    ],
}
#: The built-in stylesheet (fonts, colours), always first in extra_css.
BUILTIN_CSS = "assets/stylesheets/changekit.css"


def language_config(
    project: Project,
    kb: KnowledgeBase,
    edition: Edition,
    pages: list[Page],
    languages: list[str],
    *,
    site_url: str | None = None,
    serve: bool = False,
) -> dict[str, Any]:
    """The per-language config, as a mapping to dump in `build/mkdocs.<lang>.yml`.

    ``site_url`` is the public address (None when there is none: the base's own `site_url` is
    then cleared, so a local address never reaches a page)."""
    base = read_base_config(project)
    lang = edition.lang
    prefix = edition_prefix(kb, lang)
    config: dict[str, Any] = {
        "INHERIT": "../" + project.mkdocs_yml.name,
        "docs_dir": f"docs/{lang}",
        "site_dir": f"{STAGING}/{prefix}".rstrip("/"),
        "site_url": site_url + prefix if site_url else None,
        "use_directory_urls": True,
        "theme": theme_config(project, base, edition),
        "extra_css": [BUILTIN_CSS, *(css for css in as_list(base.get("extra_css")) if css != BUILTIN_CSS)],
        "plugins": {
            **as_mapping(base.get("plugins")),
            "search": {"lang": [lang], "separator": SEARCH_SEPARATOR, "pipeline": ["stopWordFilter"]},
        },
        "hooks": [*relocated(project, as_list(base.get("hooks"))), *(str(HOOKS / hook) for hook in OUR_HOOKS)],
        "markdown_extensions": {**REQUIRED_EXTENSIONS, **as_mapping(base.get("markdown_extensions"))},
        "validation": VALIDATION,
        "nav": navigation(kb, edition, pages),
    }
    if base.get("site_name") in (None, kb.collaborative.title):  # unless set on purpose: the edition's title
        config["site_name"] = material_text(str(edition.text(kb.collaborative, "title")))
    extra = base.get("extra")
    own_extra: dict[str, Any] = extra if isinstance(extra, dict) else {}
    config["extra"] = {} if "generator" in own_extra else {"generator": False}  # no "Made with Material" link
    config["extra"]["footer"] = footer_lines(kb, edition)
    config["extra"].update(language_selector(site_url, 1 if serve else len(languages)))
    if serve:
        config["watch"] = relocated(project, [project.mkdocs_yml.name])
    return config


def footer_lines(kb: KnowledgeBase, edition: Edition) -> dict[str, str]:
    """What the footer says (theme/partials/copyright.html): who, under which licence, which edition."""
    _ = edition.gettext
    labels = edition.labels
    licences = sorted({package.license for package in kb.packages if package.license})
    language = labels.language_in(edition.lang)
    lines = {
        "collaborative": str(edition.text(kb.collaborative, "title")),
        "organizer": kb.collaborative.organizer,
        "edition": _("Edition: %(language)s") % {"language": language},
    }
    if licences:
        lines["licence"] = f"{_('License:')} {', '.join(labels.licence(spdx) for spdx in licences)}"
    return lines


def material_text(text: str) -> str:
    """Text from content or translations that MkDocs and Material place in HTML without escaping,
    in text and in attributes (`site_name` lands in `aria-label="…"`): escaped, quotes included."""
    return html.escape(" ".join(text.split()), quote=True)


def theme_config(project: Project, base: dict[str, Any], edition: Edition) -> dict[str, Any]:
    """Material with the assembled theme (built-in + the project's theme/) as custom_dir; the
    built-in settings where mkdocs.yml has none. INHERIT merges this mapping into the base's."""
    theme = base.get("theme")
    own: dict[str, Any] = theme if isinstance(theme, dict) else {}
    config = {key: value for key, value in THEME_DEFAULTS.items() if key not in own}
    if isinstance(theme, str):  # `theme: material`, the short form: a mapping replaces it whole
        config["name"] = theme
    config.update(language=edition.lang, font=False)  # Material would load Google Fonts otherwise
    config.update(translated_palette(own.get("palette", THEME_DEFAULTS["palette"]), edition))
    config["custom_dir"] = relocated(project, [str(project.build / ASSEMBLED)])[0]
    return config


def translated_palette(palette: Any, edition: Edition) -> dict[str, Any]:
    """The palette (mkdocs.yml's, else the built-in one) with its toggle names ("Dark mode") in
    the edition's language.

    Material shows the names as the toggle's label; the per-language config repeats the whole
    list (INHERIT replaces lists) with each name through the UI catalog.
    """
    if not isinstance(palette, list):
        return {}
    entries = []
    for entry in palette:
        entry = dict(entry) if isinstance(entry, dict) else entry
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            entry["toggle"] = {**toggle, "name": edition.gettext(toggle["name"])}
        entries.append(entry)
    return {"palette": entries}


def as_list(value: Any) -> list[str]:
    """`hooks: one.py` or `hooks: [one.py, two.py]`."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def relocated(project: Project, paths: list[str]) -> list[str]:
    """Paths written relative to the project root, made relative to build/ (where the config lives)."""
    return [p if os.path.isabs(p) else os.path.relpath(project.root / p, project.build) for p in paths]


def language_selector(site_url: str | None, languages: int) -> dict[str, Any]:
    """`extra` for theme/partials/alternate.html and theme/main.html, which read each page's own
    `alternates` (its front matter): the selector stays on the page without sitemaps or site_url.

    `alternate: true` shows the selector; a list would make Material write `<link rel="alternate">`
    to each edition's home, whose sitemap.xml its script then fetches on every page.
    """
    extra: dict[str, Any] = {"alternate": True} if languages > 1 else {}
    if site_url:
        extra["site_root"] = site_url.rstrip("/") + "/"  # absolute hreflang links in <head>
    return extra


def navigation(kb: KnowledgeBase, edition: Edition, pages: list[Page]) -> list[Any]:
    """Home, about, topics (with their concepts, measures and stories), browse ideas, packages."""
    titles = {page.path: material_text(page.title) for page in pages}
    _ = edition.gettext

    def entry(path: str) -> dict[str, str]:
        return {titles[path]: path}

    topics = []
    for topic in kb.topics:
        t = topic.id
        children: list[Any] = [topic_page(t)]
        for label, paths in (
            (_("Change concepts"), [concept_page(t, c.id) for c in topic.concepts]),
            (_("Measures"), [measure_page(t, m.id) for m in topic.measures]),
            (_("Team stories"), [story_page(t, s.id) for s in topic.stories]),
        ):
            if paths:
                children.append({label: [entry(p) for p in paths]})
        topics.append({titles[topic_page(t)]: children})
    return [
        {_("Home"): HOME},
        {titles[ABOUT]: ABOUT},
        {_("Topics"): [TOPICS, *topics]},  # the tab opens the overview (navigation.indexes)
        {titles[IDEAS]: [IDEAS, *facet_sections(kb, titles, edition)]},
        {titles[PACKAGES]: PACKAGES},
    ]


def facet_sections(kb: KnowledgeBase, titles: dict[str, str], edition: Edition) -> list[Any]:
    """One navigation section per facet, its values in the order the index page lists them."""
    sections: list[Any] = []
    for facet, values in collect_facets(kb).items():
        entries: list[dict[str, Any]]
        if facet == "driver":  # one group per topic: a page lists the drivers of its own topic only
            entries = [{titles[topic_page(t)]: [{titles[p]: p} for p in pages]} for t, pages in driver_pages(values)]
        else:
            entries = [{titles[p]: p} for p in (facet_page(facet, value) for value in values)]
        if entries:
            sections.append({edition.labels.facet(facet): entries})
    return sections


def driver_pages(values: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Driver facet pages (values `topic/driver`, in diagram order) grouped by topic."""
    groups: dict[str, list[str]] = {}
    for value in values:
        groups.setdefault(value.split("/")[0], []).append(facet_page("driver", value))
    return list(groups.items())


def dump_config(config: dict[str, Any]) -> str:
    header = "# Generated by `changekit`; edit ../mkdocs.yml instead (this file is rewritten on every build).\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10_000)


def config_path(project: Project, lang: str) -> Path:
    return project.build / f"mkdocs.{lang}.yml"
