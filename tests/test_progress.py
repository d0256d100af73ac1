"""Progress: a redrawn bar on a terminal, about ten plain lines otherwise (CI logs)."""

from __future__ import annotations

import io

import pytest

from generator.publish.progress import Progress, shown


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_terminal_bar_shows_done_total_rate_and_time_left() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(200, stream=stream, live=True, clock=clock)
    for _ in range(50):
        clock.now += 0.2
        progress.advance()
    last = stream.getvalue().split("\r")[-1]
    assert "50/200 (25 %)" in last and "5,0/s" in last and "reste 30 s" in last
    assert last.startswith("[######")
    for _ in range(150):
        clock.now += 0.2
        progress.advance()
    progress.finish()
    assert "200/200 (100 %)" in stream.getvalue().split("\r")[-1] and stream.getvalue().endswith("\n")


def test_plain_lines_when_not_a_terminal() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(1000, stream=stream, live=False, clock=clock)
    for _ in range(1000):
        clock.now += 0.02
        progress.advance()
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and 10 <= len(lines) <= 11
    assert lines[-1] == "Résidences 1000/1000 (100 %) · 50,0/s"
    assert "reste 1 min 30 s" not in lines[0] and "reste" in lines[0]


def test_ci_means_plain_lines_even_on_a_terminal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CI", "true")
    assert Progress(3, stream=Tty()).live is False
    monkeypatch.delenv("CI")
    assert Progress(3, stream=Tty()).live is True


def test_the_bar_line_ends_when_the_run_stops_on_an_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CI", raising=False)
    stream = Tty()
    with pytest.raises(RuntimeError), shown(10, stream) as advance:
        advance()
        raise RuntimeError("a worker was killed")
    assert stream.getvalue().startswith("\r[##") and stream.getvalue().endswith("\n")


def test_nothing_shown_without_a_stream_or_without_work() -> None:
    stream = Tty()
    with shown(0, stream) as advance:
        advance()
    with shown(5, None) as advance:
        advance()
    assert stream.getvalue() == ""
