"""Build progress for people: a live bar on a terminal, a few plain log lines in CI or in a log file.

The bar shows residences done / total, the rate and the time left, redrawn at most ten times a second.
Without a terminal (``CI`` set, output redirected) it prints one line per tenth of the work instead, so
GitHub Actions logs stay short and readable.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class Progress:
    """Counts finished residences and reports them on ``stream`` (standard error by default)."""

    def __init__(self, total: int, label: str = "Résidences", stream: TextIO | None = None,
                 live: bool | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream if stream is not None else sys.stderr
        self.live = live if live is not None else (self.stream.isatty() and not os.environ.get("CI"))
        self.clock = clock
        self.start = clock()
        self._last_draw = float("-inf")
        self._last_step = -1

    def line(self) -> str:
        """« Résidences 250/1000 (25 %) · 31,2/s · reste 24 s »."""
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = self.done / elapsed
        percent = 100 * self.done // self.total if self.total else 100
        text = f"{self.label} {self.done}/{self.total} ({percent} %) · {rate:.1f}/s".replace(".", ",")
        if rate > 0 and self.done < self.total:
            text += f" · reste {_duration((self.total - self.done) / rate)}"
        return text

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more residences done, and redraw the bar (or print every tenth)."""
        self.done += count
        if self.live:
            now = self.clock()
            if now - self._last_draw >= 0.1 or self.done >= self.total:
                self._last_draw = now
                width = 24
                filled = width * self.done // self.total if self.total else width
                self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.line()}\033[K")
                self.stream.flush()
        else:
            step = 10 * self.done // self.total if self.total else 10
            if step != self._last_step:
                self._last_step = step
                self.stream.write(self.line() + "\n")
                self.stream.flush()

    def finish(self) -> None:
        """End the live bar's line."""
        if self.live and self.total:
            self.stream.write("\n")
            self.stream.flush()


@contextmanager
def shown(total: int, stream: TextIO | None) -> Iterator[Callable[[], None]]:
    """What to call as each of ``total`` residences is done: the bar on ``stream`` (nothing without one),
    its line ended however the run ends, so that an error stopping it is printed on a line of its own."""
    if stream is None or not total:
        yield lambda: None
        return
    progress = Progress(total, stream=stream)
    try:
        yield progress.advance
    finally:
        progress.finish()
