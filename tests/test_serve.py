"""``residence-hub serve``: a real server that builds again when a file the build reads changes (a
residence, a file put in residences/ by mistake, the logo), as staff use it while they edit."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import pytest
from PIL import Image

from generator.publish.serve import serve_site

from conftest import RESIDENCE, SITE_CONFIG

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
    assert "residences/test.yml:1: syntaxe YAML invalide" in output  # « name: [cassé »: its only line


def test_a_preview_left_open_past_midnight_is_built_again_for_the_new_day(make_project,  # type: ignore[no-untyped-def]
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``--today`` (``None``), each build is of its day: a preview left open overnight kept the day it
    was started, a notice starting the next morning still « À venir », an absence over still shown. The day
    moves here through ``SOURCE_DATE_EPOCH``, which stands for the clock as the command reads it."""
    root = make_project()
    noon = {day: str(int(datetime(2026, 12, day, 12, tzinfo=timezone.utc).timestamp())) for day in (2, 3)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", noon[2])
    port, stop = free_port(), threading.Event()
    thread = threading.Thread(target=serve_site, args=(root, port, None, 0.1, stop), daemon=True)
    thread.start()
    listing = f"http://127.0.0.1:{port}/residences.json"
    try:
        assert '"generated": "2026-12-02"' in fetch(listing, time.monotonic() + 60, '"generated": "2026-12-02"')
        monkeypatch.setenv("SOURCE_DATE_EPOCH", noon[3])
        assert '"generated": "2026-12-03"' in fetch(listing, time.monotonic() + 60, '"generated": "2026-12-03"')
    finally:
        stop.set()
        thread.join(timeout=30)


def until(check: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for ``check`` (a build takes a few seconds on a loaded machine)."""
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "nothing changed in time"
        time.sleep(0.1)


@pytest.fixture
def served(make_project) -> Iterator[tuple[Path, Callable[[str], bytes]]]:  # type: ignore[no-untyped-def]
    """A project with a logo, ``serve`` on it in a thread (polling every 0.1 s, stopped at the end), and a
    function reading a path of the served site."""
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.png,"))
    Image.new("RGB", (200, 80), (0, 70, 140)).save(root / "logo.png")
    port, stop = free_port(), threading.Event()
    thread = threading.Thread(target=serve_site, args=(root, port, date(2026, 12, 2), 0.1, stop), daemon=True)
    thread.start()

    def get(path: str) -> bytes:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
                return bytes(response.read())
        except OSError:
            return b""

    until(lambda: "Résidence Test" in get("test/").decode())
    yield root, get
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()


def test_a_file_put_in_residences_by_mistake_is_told_at_once(
        served: tuple[Path, Callable[[str], bytes]], capsys: pytest.CaptureFixture[str]) -> None:
    """Only the .yml files were watched: a residence saved as .yaml was told only at the next .yml change."""
    root, get = served
    (root / "residences" / "autre.yaml").write_text(RESIDENCE, "utf-8")
    until(lambda: "residences/autre.yaml" in capsys.readouterr().err)
    assert "Résidence Test" in get("test/").decode()  # the last good site, still served


def test_a_new_logo_is_printed_on_the_served_posters(served: tuple[Path, Callable[[str], bytes]]) -> None:
    """The build reads the logo, which is no YAML file: it was not watched, and the preview kept the old
    posters until a YAML file was saved."""
    root, get = served
    before = get("test/affiche/test-affiche-a4.pdf")
    assert before.startswith(b"%PDF")
    Image.new("RGB", (200, 80), (200, 30, 30)).save(root / "logo.png")
    until(lambda: get("test/affiche/test-affiche-a4.pdf") not in (before, b""))
