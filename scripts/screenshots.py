"""Take the README's screenshots of one microsite's home page (phone 390×844, desktop 1280 wide).

Run from the repository root after `bash scripts/test.sh` (which installs Playwright and Chromium):

    .venv/bin/python scripts/screenshots.py

The samples are built with the tests' date (2026-12-02) so the notices and the caretaker's absence
shown are always the same; images go to docs/screenshots/.
"""

from __future__ import annotations

import functools
import tempfile
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.publish.site import build_site
from generator.contract.project import load_project

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
RESIDENCE = "les-tilleuls"
SHOTS = {  # file → (viewport, device scale factor, whole page)
    "phone-390x844.png": ({"width": 390, "height": 844}, 2, False),
    "desktop-1280.png": ({"width": 1280, "height": 900}, 1, False),
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="residence-hub-shots-") as tmp:
        site = Path(tmp) / "site"
        build_site(load_project(REPO), site, date(2026, 12, 2))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/{RESIDENCE}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for name, (viewport, scale, full) in SHOTS.items():
                page = browser.new_page(viewport=viewport, device_scale_factor=scale, locale="fr-FR")
                page.goto(url, wait_until="networkidle")
                page.screenshot(path=str(OUT / name), full_page=full, animations="disabled")
                page.close()
                print(OUT / name)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
