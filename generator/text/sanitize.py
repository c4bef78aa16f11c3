"""The output sanitizer: one allow-list for every HTML fragment built from content or translations."""

from __future__ import annotations

import re

import nh3

from generator.text.characters import INVISIBLE

#: What the generated pages and the print HTML legitimately hold: text markup, tables, footnotes,
#: admonitions and details, and the inline SVG of the charts. No script, form, media or frame.
HTML_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "nav", "header", "footer", "article", "aside",
}  # fmt: skip
SVG_TAGS = {
    "svg", "g", "path", "line", "polyline", "polygon", "rect", "circle", "ellipse", "text", "tspan", "title",
    "desc", "defs", "marker", "use", "clipPath", "clippath",
}  # fmt: skip
#: Attributes on any element: structure, language and accessibility (plus `aria-*`, see PREFIXES).
GENERIC_ATTRIBUTES = {"class", "id", "role", "title", "lang", "tabindex", "hidden", "data-mark"}
TAG_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "hreflang", "type", "rel", "xlink:href"},
    "abbr": set(),
    "details": {"open"},
    "ol": {"start", "type"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "svg": {"xmlns", "xmlns:xlink", "viewBox", "viewbox", "width", "height", "font-family", "font-size"},
    "g": {"fill", "stroke", "stroke-width", "data-id", "font-size", "font-weight", "text-anchor", "transform"},
    "path": {"d", "fill", "stroke", "stroke-width", "stroke-dasharray", "data-from", "data-to", "marker-end"},
    "line": {"x1", "x2", "y1", "y2", "stroke", "stroke-width", "stroke-dasharray", "opacity"},
    "polyline": {"points", "fill", "stroke", "stroke-width"},
    "polygon": {"points", "fill", "stroke", "stroke-width"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke", "stroke-width", "opacity"},
    "circle": {"cx", "cy", "r", "fill", "stroke", "stroke-width"},
    "ellipse": {"cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width"},
    "text": {"x", "y", "dx", "dy", "fill", "font-family", "font-size", "font-weight", "text-anchor", "transform"},
    "tspan": {"x", "y", "dx", "dy", "font-weight", "text-decoration"},
    "marker": {"viewBox", "viewbox", "refX", "refx", "refY", "refy", "markerWidth", "markerwidth"},
}
#: Attributes holding a URL; only these schemes (or a relative URL) survive.
URL_ATTRIBUTES = {"href", "xlink:href", "src"}
URL_SCHEMES = {"http", "https", "mailto"}
SAFE_URL = re.compile(r"^(?:(?:https?|mailto):|[^:]*$|[^:/?#]*[/?#])", re.IGNORECASE)


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Drop URL attributes whose scheme is not allowed (ammonia checks `href` but not `xlink:href`)."""
    if name in URL_ATTRIBUTES and not SAFE_URL.match(INVISIBLE.sub("", value).strip()):
        return None
    return value


def _cleaner(extra_tags: dict[str, set[str]]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=HTML_TAGS | SVG_TAGS | set(extra_tags),
        clean_content_tags={"script", "style"},
        attributes={"*": GENERIC_ATTRIBUTES, **TAG_ATTRIBUTES, **extra_tags},
        generic_attribute_prefixes={"aria-"},
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


_SITE = _cleaner({})
#: Print adds the cover logo: WeasyPrint fetches local files only (see render.pdf.engine).
_PRINT = _cleaner({"img": {"src", "alt"}})


def clean_html(html: str, *, images: bool = False) -> str:
    """``html`` with only allow-listed elements and attributes: no event handler, `style`,
    `autofocus`, script or data URL, no control or bidirectional-override character.
    ``images``: keep `<img src>` with a relative or http(s) URL (print only)."""
    cleaned = (_PRINT if images else _SITE).clean(INVISIBLE.sub("", html))
    return cleaned.replace("&nbsp;", "\xa0")  # the character the typography wrote, not an entity


def clean_document(html: str) -> str:
    """A whole print document: the head comes from the (trusted) templates, the body is cleaned."""
    head, marker, rest = html.partition("<body")
    if not marker:
        return clean_html(html, images=True)
    open_tag, _, body = rest.partition(">")
    inner, _, tail = body.rpartition("</body>")
    return f"{head}<body{_clean_open_tag(open_tag)}>{clean_html(inner, images=True)}</body>{tail}"


def _clean_open_tag(attributes: str) -> str:
    """The `<body …>` attributes the print templates write (class and lang only)."""
    kept = re.findall(r'\s(?:class|lang)="[^"<>]*"', attributes)
    return "".join(kept)
