"""Benchmark: ``python benchmarks/lighthouse.py`` runs Lighthouse on the built samples and prints its scores.

Builds the repository's sample residences (``--today 2026-12-02``) into a temporary folder, serves it on
127.0.0.1 with gzip (as static hosts serve it), and runs Lighthouse (mobile, default simulated throttling)
with Debian's Chromium headless on three pages: a residence's home page, the landlord index and a hall
screen, ``--runs`` times each (median of the performance score; the other categories do not vary).

Lighthouse is not one of the project's dependencies (it is a large npm package used by this benchmark
only): install it anywhere, e.g. ``npm install --prefix /tmp/lh lighthouse``, and give its command with
``--lighthouse /tmp/lh/node_modules/.bin/lighthouse`` (default: ``lighthouse`` on the PATH).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-12-02"
PAGES = {"residence home": "les-tilleuls/", "landlord index": "", "hall screen": "les-tilleuls/ecran/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it; no log lines."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest"}
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(command: str, url: str, chromium: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([command, url, "--quiet", f"--only-categories={','.join(CATEGORIES)}", "--output=json",
                        f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       check=True, env={"CHROME_PATH": chromium, "PATH": "/usr/bin:/bin"}, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = sorted(k for k, a in data["audits"].items()
                    if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0)
    print(f"  {url}: {scores}" + (f" (failed: {', '.join(failed)})" if failed else ""), flush=True)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lighthouse", default="lighthouse")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([str(Path(sys.executable).with_name("residence-hub")), "build", "--project", str(REPO),
                        "--out", str(site), "--today", TODAY], check=True, capture_output=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        rows = []
        for name, path in PAGES.items():
            runs = [lighthouse(args.lighthouse, base + path, args.chromium) for _ in range(args.runs)]
            rows.append((name, {c: statistics.median(r[c] for r in runs) for c in CATEGORIES},
                         [r["performance"] for r in runs]))
        server.shutdown()
    print("\n| page | performance (median; runs) | accessibility | best practices | SEO |")
    print("| --- | --- | --- | --- | --- |")
    for name, median, perf in rows:
        print(f"| {name} | {median['performance']:.0f} ({', '.join(map(str, perf))}) | "
              f"{median['accessibility']:.0f} | {median['best-practices']:.0f} | {median['seo']:.0f} |")


if __name__ == "__main__":
    main()
