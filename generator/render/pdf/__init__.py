"""Printable change packages: print HTML rendered from the model, PDFs through WeasyPrint."""

from generator.render.pdf.document import render_package_html
from generator.render.pdf.engine import PdfMetadata, render_pdf_bytes
from generator.render.pdf.render import PdfResult, render_pdfs

__all__ = ["PdfMetadata", "PdfResult", "render_package_html", "render_pdf_bytes", "render_pdfs"]
