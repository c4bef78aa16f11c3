"""MkDocs hook: each page gets the navigation scoped to its own topic (see generator.render.site.navscope)."""

from __future__ import annotations

from typing import Any

from generator.render.site.navscope import ScopedNavigation

#: This build's navigation (set by on_nav, once per build).
scoped: ScopedNavigation | None = None


def on_nav(nav: Any, **kwargs: Any) -> Any:
    global scoped
    scoped = ScopedNavigation(nav)
    return nav


def on_page_context(context: dict[str, Any], page: Any, **kwargs: Any) -> dict[str, Any]:
    if scoped is not None and context.get("nav") is scoped.nav:
        context["nav"] = scoped.for_page(page)
    return context


def on_post_build(config: Any) -> None:
    """Let go of the navigation (and through it every page with its text) once the build is done:
    MkDocs keeps this module, so the pages would stay in memory until the next build replaces it."""
    global scoped
    scoped = None
