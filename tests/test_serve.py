"""``residence-hub serve``: a real server process that rebuilds when a residence file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow  # a real server process, polled for seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float, wanted: str) -> str:
    """Poll ``url`` until its body contains ``wanted`` or the deadline passes; return the last body."""
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=2).read().decode()
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    return body


def test_serve_rebuilds_on_change_and_keeps_serving_after_an_error(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from generator.cli import main; main()", "serve",
                             "--project", str(root), "--port", str(port), "--today", "2026-12-02"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/test/"
        assert "Résidence Test" in fetch(url, time.monotonic() + 30, "Résidence Test")
        path = root / "residences" / "test.yml"
        path.write_text(path.read_text().replace("Résidence Test", "Résidence Renommée"))
        assert "Résidence Renommée" in fetch(url, time.monotonic() + 30, "Résidence Renommée")
        path.write_text("name: [cassé\n")
        time.sleep(3)
        assert "Résidence Renommée" in fetch(url, time.monotonic() + 5, "Résidence Renommée")
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0]
    assert "residences/test.yml:2: syntaxe YAML invalide" in output
