"""Shared fixtures: small projects written inline, the real samples built once, a browser on them.

Browser fixtures use Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) through Playwright; they never download
a browser. A test that needs them fails (it is not skipped) when Chromium is missing: CI installs it.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import os
import pickle
import shutil
import textwrap
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from generator.contract.composed import MAGIC
from generator.outputs import published
from generator.publish.site import build_site
from generator.contract.project import load_project

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TODAY = date(2026, 12, 2)
"""The samples' notices and absences are written around this date; builds in tests use it."""
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # scripts/test.sh checks the same file

SITE_CONFIG = """\
landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}
base_url: https://residences.example.org/
agencies:
  nord: {name: Agence Nord, phone: 01 49 33 10 10, email: nord@example.org}
  sud: {name: Agence Sud}
emergency:
  - {label: SAMU, phone: 15}
faq:
  - {q: Comment payer mon loyer ?, a: Par prélèvement.}
"""

RESIDENCE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
"""


def rewrite_store(path: Path, change: Callable[[Any], Any], piece: int) -> None:
    """Change one piece of a ``contract.composed`` store as another program could: 0 the head (context,
    names, digests), 1 the parts (pickled, by file name), 2 the whole. The file is written whole, its head
    holding the new whole's digest."""
    data, at, pieces = path.read_bytes(), len(MAGIC), []
    while at < len(data):
        size = int.from_bytes(data[at:at + 8], "big")
        pieces.append(pickle.loads(data[at + 8:at + 8 + size]))
        at += 8 + size
    pieces[piece] = change(pieces[piece])
    parts, whole = pickle.dumps(pieces[1]), pickle.dumps(pieces[2])
    head = pickle.dumps((*pieces[0][:3], hashlib.sha256(whole).hexdigest()))
    path.write_bytes(MAGIC + b"".join(len(blob).to_bytes(8, "big") + blob for blob in (head, parts, whole)))


def linked_file(page: Path, address: str, root: Path | None = None) -> Path:
    """The file a page links at ``address``: relative to the page's folder, or from the site's ``root`` (``/…``,
    as the 404 page links). Our stylesheets and scripts are linked with their version (``?v=…``): it must be
    the digest of the file's bytes as published."""
    path, _, query = address.partition("?")
    file = ((root / path.lstrip("/")) if root and path.startswith("/") else page.parent / path).resolve()
    if query:
        assert "?" + query == published.version(file.read_bytes()), (page, address)
    return file


def with_sections(config: str, fragment: str) -> str:
    """``config`` (a ``site_config.yml`` text) with the top-level sections of ``fragment`` put in place of
    its own: how the docs' ``site_config.yml`` examples are checked against the sample configuration."""
    keys = {line.split(":")[0] for line in fragment.splitlines() if line[:1].isalpha()}
    kept, skipping = [], False
    for line in config.splitlines(keepends=True):
        if line[:1].isalpha():
            skipping = line.split(":")[0] in keys
        if not skipping:
            kept.append(line)
    return "".join(kept).rstrip("\n") + "\n" + fragment


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project: ``make_project(**{"slug": "yaml text"}, site_config=...)`` → its folder."""

    def make(site_config: str = SITE_CONFIG, **residences: str) -> Path:
        root = tmp_path / "project"
        (root / "residences").mkdir(parents=True, exist_ok=True)
        (root / "site_config.yml").write_text(textwrap.dedent(site_config), encoding="utf-8")
        for slug, text in (residences or {"test": RESIDENCE}).items():
            (root / "residences" / f"{slug.replace('_', '-')}.yml").write_text(textwrap.dedent(text), "utf-8")
        return root

    return make


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's own cache folder (compiled templates, validated residences), not the user's."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RESIDENCE_HUB_CACHE", str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def outside_github_actions() -> Iterator[None]:
    """Commands tell GitHub their errors when ``GITHUB_ACTIONS`` is set: the tests run as on a computer
    (the one test of that sets it), whether or not the suite itself runs in a GitHub workflow."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("GITHUB_ACTIONS", raising=False)
        patch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        patch.delenv("GITHUB_WORKSPACE", raising=False)
        yield


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sample residences of the repository, built once for the whole session."""
    out = tmp_path_factory.mktemp("samples") / "site"
    build_site(load_project(REPO), out, SAMPLE_TODAY)
    return out


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when asked, as GitHub Pages and most static hosts do."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".vcf"}
        if not (compressible and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """``serve(folder)`` → base URL of a local gzip-compressing static server for that folder."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Headless Debian Chromium driven by Playwright; background networking off (no stray requests)."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), (
        "Chromium is missing: apt-get install -y chromium (never `playwright install`)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def wait_until(page: Any, condition: str, timeout_ms: int = 20000) -> None:
    """Wait until the JavaScript function ``condition`` (which may be ``async``) returns a truthy value.

    Playwright's ``wait_for_function`` does not wait for a promise: « caches.keys().then(…) » or an
    ``async`` function is a truthy promise, so it returned at once and the tests' waits for a worker or a
    store were no waits at all (and a wrong condition passed). This one awaits each answer."""
    done = page.evaluate("""async ([condition, timeout]) => {
      const check = eval("(" + condition + ")"), end = Date.now() + timeout;
      while (Date.now() < end) {
        if (await check()) return true;
        await new Promise(r => setTimeout(r, 100));
      }
      return false;
    }""", [condition, timeout_ms])
    assert done, f"still false after {timeout_ms} ms: {condition}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``browser`` every test that starts Chromium, through the fixture or a fixture that needs it.

    ``item.fixturenames`` is the closure of the fixtures a test requests (``crawl`` needs ``browser``), so a
    new browser test is marked without anyone remembering to: ``pytest -m "not browser"`` leaves it out.
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
