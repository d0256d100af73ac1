"""``residence-hub serve``: build into a temporary folder, serve it, build again when a file changes.

Watched: ``site_config.yml``, the entries of ``residences/`` and the logo (polled every second: no
dependency, and the same on every system), and, without ``--today``, the day: a preview left open past
midnight is built again for the new one (a notice starts, an absence ends). A failed build prints its
errors and keeps serving the last good site, as ``build`` does.
"""

from __future__ import annotations

import errno
import functools
import os
import tempfile
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from generator.contract.project import CONFIG_NAME, RESIDENCES_DIR, load_project
from generator.errors import UserError
from generator.publish.site import build_site, default_today

Snapshot = dict[str, tuple[int, int]]
"""Each file a build reads, by its path in the project: its modification time (ns) and size."""


def _snapshot(root: Path, logo: str | None) -> Snapshot:
    """What a build reads: ``site_config.yml``, every entry of ``residences/`` (so that a file put there by
    mistake, ``x.yaml``, is told at once) and the logo ``site_config.yml`` named at the last good build."""
    try:
        names = [f"{RESIDENCES_DIR}/{name}" for name in os.listdir(root / RESIDENCES_DIR)]
    except OSError:
        names = []
    found: Snapshot = {}
    for name in [CONFIG_NAME, *names, *([logo] if logo else [])]:
        try:
            stat = (root / name).stat()
        except (OSError, ValueError):  # gone since it was listed, or a logo path no file system takes
            continue
        found[name] = (stat.st_mtime_ns, stat.st_size)
    return found


def _build(root: Path, out: Path, today: date, logo: str | None) -> tuple[Snapshot, str | None]:
    """Build ``root`` into ``out`` (``build``'s errors printed, the last good site kept). Returns what it
    read, as it was before reading it (a change made meanwhile brings another build), and the logo to
    watch from now on."""
    seen = _snapshot(root, logo)
    try:
        project = load_project(root)
        build_site(project, out, today)
    except UserError as e:
        click.echo(e.format_message(), err=True)
        return seen, logo
    click.echo(f"{time.strftime('%H:%M:%S')} site reconstruit")
    named = project.config.landlord.logo
    return ({**_snapshot(root, named), **seen} if named else seen), named


def serve_site(root: Path, port: int, today: date | None, poll_seconds: float = 1.0,
               stop: threading.Event | None = None) -> None:
    """Build ``root`` into a temporary folder, serve it on ``port``, build again when a file it reads
    changes, or the day (``today`` ``None``: each build's own, ``default_today``), until Ctrl+C (or
    ``stop`` is set)."""
    stop = stop or threading.Event()
    with tempfile.TemporaryDirectory(prefix="residence-hub-serve-") as tmp:
        out = Path(tmp) / "site"
        out.mkdir()
        server = open_server(port, out)  # first: a busy port is told at once, not after a build
        day = today or default_today()
        seen, logo = _build(root, out, day, None)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        click.echo(f"Aperçu : http://127.0.0.1:{port}/  (Ctrl+C pour arrêter)")
        try:
            while not stop.wait(poll_seconds):
                now = today or default_today()
                if _snapshot(root, logo) != seen or now != day:
                    day = now
                    seen, logo = _build(root, out, day, logo)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()


def open_server(port: int, folder: Path) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1:``port``; a port that cannot be used is a ``UserError``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as e:
        busy = e.errno == errno.EADDRINUSE
        reason = "est déjà utilisé par un autre programme" if busy else f"n'est pas utilisable ({e.strerror})"
        raise UserError.single("<ligne de commande>", 1, f"le port {port} {reason}",
                               f"choisissez un autre port, par exemple --port {port + 1 if port < 65535 else 8001}"
                               + ("" if busy else " (au-dessus de 1024)")) from None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass
