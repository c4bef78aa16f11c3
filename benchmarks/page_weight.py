"""What a phone downloads for the first load of one page of a built site, by kind of response.

    python benchmarks/page_weight.py [--site site] [--page topics/emergency-flow/] [--width 390]

Serves the built `site/` on 127.0.0.1 (no compression, so sizes are uncompressed bytes), opens
the page in Debian's Chromium through Playwright with a phone's viewport (390 px wide, touch,
device scale 3), waits until the network is idle, and counts every response by kind. The search
index is shown apart: the 400 KB budget for a page is without it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def kind(url: str, resource_type: str) -> str:
    """A response's kind: the search index, sitemaps and source maps by name, the rest by type."""
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if name.startswith("search_index"):
        return "search index"
    if name.startswith("sitemap"):
        return "sitemap"
    if name.endswith(".map"):
        return "source map"
    return {"document": "page HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts", "image": "images"}.get(
        resource_type, resource_type
    )


def weigh(site: Path, page_path: str, width: int) -> dict[str, list[tuple[str, int]]]:
    """Responses of one page load by kind: (url, bytes)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)

    def record(response: Any) -> None:
        try:
            size = len(response.body())
        except Exception:  # a redirect or an aborted response has no body
            size = 0
        found[kind(response.url, response.request.resource_type)].append((response.url.removeprefix(base), size))

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(
                viewport={"width": width, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
            )
            page = context.new_page()
            page.on("response", record)
            page.goto(base + page_path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)  # late requests (the search worker's language files)
            browser.close()
    finally:
        server.shutdown()
    return found


def report(found: dict[str, list[tuple[str, int]]]) -> str:
    lines = ["| kind | requests | KB |", "|---|---|---|"]
    for name, responses in sorted(found.items(), key=lambda item: -sum(s for _, s in item[1])):
        lines.append(f"| {name} | {len(responses)} | {sum(s for _, s in responses) / 1024:,.0f} |")
    total = sum(s for responses in found.values() for _, s in responses)
    index = sum(s for _, s in found.get("search index", []))
    count = sum(len(r) for r in found.values())
    lines.append(f"| **all** | {count} | {total / 1024:,.0f} |")
    lines.append(
        f"| **without the search index** | {count - len(found.get('search index', []))} | "
        f"{(total - index) / 1024:,.0f} |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--page", default="topics/emergency-flow/")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--list", action="store_true", help="also list every response")
    args = parser.parse_args()
    found = weigh(args.site, args.page, args.width)
    print(report(found))
    if args.list:
        for name, responses in found.items():
            for url, size in responses:
                print(f"{name:14} {size:>9,} {url}")


if __name__ == "__main__":
    main()
