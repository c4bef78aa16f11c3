"""axe-core on the sample site: no violation (of any impact) on any page type, scheme or edition.

axe runs from the copy bundled in the `axe-playwright-python` test dependency (never fetched from
the network) inside Debian's Chromium, driven by Playwright; the test fails without Chromium.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.diagnostics import Diagnostics
from tests.conftest import copy_sample_project
from tests.test_browser_site import QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: One page of each type (the sample's emergency-flow topic), the same path in every edition.
PAGES = {
    "home": "",
    "about": "about/",
    "topic": "topics/emergency-flow/",
    "concept": "topics/emergency-flow/changes/stream-patients-at-arrival/",
    "measure": "topics/emergency-flow/measures/door-to-provider/",
    "story": "topics/emergency-flow/stories/hospital-choupal-coimbra/",
    "change-packages": "change-packages/",
}
EDITIONS = ("", "es/", "fr/", "pt/")
#: Every impact axe reports: the moderate `landmark-unique` of Material's navigation is fixed too
#: (theme/partials/nav-item.html), so nothing is tolerated.
BLOCKING = ("critical", "serious", "moderate", "minor")


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("a11y") / "project"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root / "site"))
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(copy_sample_project(root, site_url=url), Diagnostics(), pdf=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join()


def violations(page: Any, url: str, source: str) -> list[dict[str, Any]]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_accessibility_violation(browser: Any, sample_url: str, kind: str, scheme: str) -> None:
    source = axe_source()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    found = []
    try:
        for edition in EDITIONS:
            url = sample_url + edition + PAGES[kind]
            for violation in violations(page, url, source):
                if violation["impact"] in BLOCKING:
                    nodes = "; ".join(node["html"][:120] for node in violation["nodes"][:3])
                    found.append(f"{url}: {violation['id']} ({violation['impact']}): {nodes}")
            scheme_in_use = page.locator("body").get_attribute("data-md-color-scheme")
            assert scheme_in_use == ("slate" if scheme == "dark" else "default")
    finally:
        context.close()
    assert found == []
