"""Regenerate the fonts shipped in theme/fonts/ from Debian packages (run by hand)."""

# Usage:  python3 theme/fonts/build_fonts.py
# Needs:  apt-get and dpkg-deb (Debian/Ubuntu; `apt-get download` fetches a .deb
#         without installing it) and fontTools with brotli
#         (`pip install fonttools brotli`).  Writes next to this file.
#         As root, apt-get warns "Download is performed unsandboxed": harmless.
# The output is byte-for-byte reproducible (fixed SOURCE_DATE_EPOCH).
# This file is a .py so that MkDocs does not copy it into the built site.

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGES = ["fonts-inter-variable", "fonts-noto-mono"]
INTER_DIR = "usr/share/fonts/truetype/inter-vf"
NOTO_DIR = "usr/share/fonts/truetype/noto"

# (output name, source file inside the .deb, wght instance or None for a static font)
FONTS = [
    ("Inter-Regular", f"{INTER_DIR}/Inter-roman.var.ttf", 400),
    ("Inter-SemiBold", f"{INTER_DIR}/Inter-roman.var.ttf", 600),
    ("Inter-Bold", f"{INTER_DIR}/Inter-roman.var.ttf", 700),
    ("Inter-Italic", f"{INTER_DIR}/Inter-italic.var.ttf", 400),
    ("Inter-BoldItalic", f"{INTER_DIR}/Inter-italic.var.ttf", 700),
    ("NotoSansMono-Regular", f"{NOTO_DIR}/NotoSansMono-Regular.ttf", None),
]

# What English, Spanish, French and Portuguese text needs: Basic Latin, Latin-1,
# Latin Extended-A, Romanian comma accents, spacing and combining accents (for
# decomposed input), general punctuation (quotes, dashes, ellipsis, no-break and
# thin spaces), super/subscript digits, currency signs, letterlike symbols,
# arrows, the math operators of measure definitions (± × ÷ − ≤ ≥ ≈ ≠ ∞), a few
# geometric shapes and check marks used as legend or list markers.
UNICODES = ",".join(
    [
        "U+0000-00FF",
        "U+0100-017F",
        "U+0192",
        "U+0218-021B",
        "U+0237",
        "U+02BB-02BC",
        "U+02C6-02C7",
        "U+02D8-02DD",
        "U+0300-0308",
        "U+030A-030C",
        "U+0327-0328",
        "U+1E9E",
        "U+2000-206F",
        "U+2070-2079",
        "U+2080-2089",
        "U+20A0-20C0",
        "U+2113",
        "U+2116",
        "U+2122",
        "U+2126",
        "U+2190-2199",
        "U+21D0-21D5",
        "U+2202",
        "U+2206",
        "U+220F",
        "U+2211-2215",
        "U+2219-221A",
        "U+221E",
        "U+2248",
        "U+2260",
        "U+2264-2265",
        "U+25A0-25A1",
        "U+25B2-25B3",
        "U+25B6",
        "U+25BC-25BD",
        "U+25C0",
        "U+25CB-25CF",
        "U+2713-2714",
        "U+2717-2718",
        "U+FEFF",
        "U+FFFD",
    ]
)
# Every OpenType feature is kept: tables and charts use tabular figures (tnum),
# and the subset is small enough with them.
SUBSET_OPTIONS = [
    f"--unicodes={UNICODES}",
    "--layout-features=*",
    "--name-IDs=*",
    "--name-languages=*",
    "--notdef-outline",
    "--no-hinting",
]
# The site also gets a Latin-1 cut of each face (`<name>-latin.woff2`, declared with a
# unicode-range in changekit.css): the text of the four editions almost never leaves
# it, so a page downloads about half the font bytes; the full WOFF2 is fetched only
# for a page that uses a character outside it. The cut also holds the subscript digits
# (CO₂), the arrows ← ↑ → ↓ and the ring ○ (changekit.css draws ○ on a text shown in
# another language; tests/test_theme.py checks every character it draws). Only the
# features the site's CSS uses (the default ones, kern, liga, and tnum for tables) are kept.
LATIN_UNICODES = ",".join(
    [
        "U+0000-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2000-206F,U+2080-2089",
        "U+20AC,U+2122,U+2190-2193,U+2212,U+25CB,U+FEFF,U+FFFD",
    ]
)
LATIN_OPTIONS = [f"--unicodes={LATIN_UNICODES}", "--layout-features+=tnum", "--notdef-outline", "--no-hinting"]
SOURCE_DATE_EPOCH = "1666569600"  # 2022-10-24, the date of the Inter files in the .deb


def run(*args: str | Path, cwd: Path) -> None:
    """Run one command, echoing it, and stop on failure."""
    print("+", " ".join(str(a) for a in args))
    subprocess.run([str(a) for a in args], cwd=cwd, check=True)


def fetch_packages(work: Path) -> Path:
    """Download and unpack the Debian font packages; return the unpacked root."""
    run("apt-get", "download", *PACKAGES, cwd=work)
    root = work / "root"
    for deb in sorted(work.glob("*.deb")):
        run("dpkg-deb", "-x", deb, root, cwd=work)
    return root


def make_font(work: Path, root: Path, name: str, source: str, weight: int | None) -> None:
    """Cut one static weight (if needed), then write the subset TTF and WOFF2."""
    full = work / f"{name}.full.ttf"
    if weight is None:
        shutil.copyfile(root / source, full)
    else:
        run(
            "fonttools",
            "varLib.instancer",
            "--quiet",
            "--update-name-table",
            "-o",
            full,
            root / source,
            f"wght={weight}",
            cwd=work,
        )
    run("pyftsubset", full, *SUBSET_OPTIONS, f"--output-file={HERE / name}.ttf", cwd=work)
    run("pyftsubset", full, *SUBSET_OPTIONS, "--flavor=woff2", f"--output-file={HERE / name}.woff2", cwd=work)
    make_latin(name, work)


def make_latin(name: str, work: Path) -> None:
    """The site's Latin-1 cut of one shipped face (from its subset TTF)."""
    output = f"--output-file={HERE / name}-latin.woff2"
    run("pyftsubset", HERE / f"{name}.ttf", *LATIN_OPTIONS, "--flavor=woff2", output, cwd=work)


def main() -> None:
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = fetch_packages(work)
        for name, source, weight in FONTS:
            make_font(work, root, name, source, weight)


if __name__ == "__main__":
    main()
