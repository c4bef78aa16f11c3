"""WeasyPrint behind one function: print HTML in, deterministic tagged PDF bytes out."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from typing import Any

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from generator.diagnostics import BuildError

logger = logging.getLogger(__name__)

#: WeasyPrint's options for every change package: PDF/UA-1 (tagged, version 1.7, title shown).
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "optimize_images": False}
#: Part of every PDF's content hash: bump OUTPUT_VERSION when this module changes the PDF it writes.
OUTPUT_VERSION = 2
ENGINE = f"changekit-pdf {OUTPUT_VERSION}; weasyprint {weasyprint.__version__}; {sorted(PDF_OPTIONS.items())}"
#: A font configuration without font folders (shipped with the package: no temporary file).
EMPTY_FONTCONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts.conf")
_fontconfig_lock = threading.Lock()


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF says about itself; the print HTML's <head> carries the same values."""

    title: str
    authors: tuple[str, ...]
    lang: str
    description: str
    keywords: tuple[str, ...]
    created: str  # W3C date-time, fixed (never the time of the build)
    modified: str


def isolated_font_config() -> FontConfiguration:
    """A font configuration that knows only the @font-face fonts of the document.

    WeasyPrint falls back to system fonts for missing glyphs; a fontconfig configuration
    without font folders leaves it nothing to fall back to, so every PDF embeds the shipped
    fonts only, whatever the machine has installed.
    """
    with _fontconfig_lock:
        previous = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = EMPTY_FONTCONFIG
        try:
            return FontConfiguration()
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous


def local_url_fetcher() -> URLFetcher:
    """Local files and data: URLs only (a PDF build never reaches another host); a missing
    stylesheet, font or image stops the build instead of silently changing the PDF."""
    return URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def open_with_bookmarks(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: PDF viewers open the document with its outline shown."""
    pdf.catalog["PageMode"] = "/UseOutlines"


def render_pdf(
    html: str, base_url: str, metadata: PdfMetadata, font_config: FontConfiguration | None = None
) -> tuple[bytes, int]:
    """Lay out and write the PDF; return its bytes and number of pages."""
    font_config = font_config or isolated_font_config()
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=local_url_fetcher()).render(
            font_config=font_config, **PDF_OPTIONS
        )
        # No file identifier (/ID): pydyf derives it from a second serialization of the whole file,
        # which costs 5–10% of the render, and nothing in PDF/UA-1 needs it. Without it, and with
        # the dates fixed in the HTML, nothing in the file changes from one render to the next.
        data = document.write_pdf(finisher=open_with_bookmarks, **PDF_OPTIONS)
    except (Exception, FatalURLFetchingError) as exc:  # many kinds (a missing font is fatal); one report
        raise BuildError(f"WeasyPrint could not render '{metadata.title}' ({metadata.lang}): {exc}") from exc
    assert isinstance(data, bytes)
    return data, len(document.pages)


def render_pdf_bytes(html: str, base_url: str, metadata: PdfMetadata) -> bytes:
    """The PDF of a print HTML document whose relative URLs resolve against ``base_url``."""
    return render_pdf(html, base_url, metadata)[0]
