"""The site renderer: an edition → Markdown pages and a MkDocs config per language (see generator.build)."""

from generator.render.site.render import Page, render_site

__all__ = ["Page", "render_site"]
