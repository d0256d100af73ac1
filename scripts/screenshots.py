"""Take the README's screenshots of one microsite's home page (phone 390×844, desktop 1280 wide).

Run from the repository root after `bash scripts/test.sh` (which installs Playwright and Chromium):

    .venv/bin/python scripts/screenshots.py

The samples are built with the tests' date (2026-12-02) so the notices and the caretaker's absence
shown are always the same; images go to docs/screenshots/. The Arabic home page is taken from a copy of
the samples with `languages: [fr, en, ar]` (their texts are French: they show as fallbacks, marked).
"""

from __future__ import annotations

import functools
import shutil
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
SHOTS = {  # file → (viewport, device scale factor, whole page, path in the site)
    "phone-390x844.png": ({"width": 390, "height": 844}, 2, False, f"fr/{RESIDENCE}/"),
    "desktop-1280.png": ({"width": 1280, "height": 900}, 1, False, f"fr/{RESIDENCE}/"),
    "phone-390x844-ar.png": ({"width": 390, "height": 844}, 2, False, f"multi/{RESIDENCE}/ar/"),
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="residence-hub-shots-") as tmp:
        site = Path(tmp) / "site"
        build_site(load_project(REPO), site / "fr", date(2026, 12, 2))
        project = Path(tmp) / "project"
        shutil.copytree(REPO / "residences", project / "residences")
        config = (REPO / "site_config.yml").read_text(encoding="utf-8")
        (project / "site_config.yml").write_text(config.replace("\nlanguage: fr\n", "\nlanguages: [fr, en, ar]\n"),
                                                 encoding="utf-8")
        build_site(load_project(project), site / "multi", date(2026, 12, 2))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for name, (viewport, scale, full, path) in SHOTS.items():
                page = browser.new_page(viewport=viewport, device_scale_factor=scale, locale="fr-FR")
                page.goto(url + path, wait_until="networkidle")
                page.screenshot(path=str(OUT / name), full_page=full, animations="disabled")
                page.close()
                print(OUT / name)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
