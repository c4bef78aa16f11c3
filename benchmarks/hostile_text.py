"""Time the Markdown safety scan and the output sanitizer on 100 KB hostile blobs (issue 14).

    python benchmarks/hostile_text.py [--size 100000]

The attribute-list check was quadratic on `{.{.{.` (22 s for 100 KB); every scan must now be
linear. Prints one row per blob: the scan (unsafe_markdown + ref links) and clean_html.
"""

from __future__ import annotations

import argparse
import time

from generator.text.sanitize import clean_html
from generator.text.scan import find_ref_links, unsafe_markdown

BLOBS = ["{.{.", "[[[[", "<a <a ", "[a[a", "{ x=", "<!--", "](((", "`", "<https:", "![a](", "\n```\n"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="characters per blob")
    size = parser.parse_args().size
    print(f"| blob ({size:,} characters) | scan s | sanitize s |")
    print("|---|---|---|")
    for piece in BLOBS:
        blob = (piece * (size // len(piece) + 1))[:size]
        started = time.process_time()
        unsafe_markdown(blob)
        list(find_ref_links(blob))
        scanned = time.process_time() - started
        started = time.process_time()
        clean_html(blob)
        cleaned = time.process_time() - started
        print(f"| `{piece!r}` | {scanned:.3f} | {cleaned:.3f} |")


if __name__ == "__main__":
    main()
