"""Marks UI strings for extraction (pybabel -k N_); the catalogs are read by generator.editions.ui."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it here."""
    return message
