"""``residence-hub serve``: build into a temporary folder, serve it, rebuild when a YAML file changes.

A failed rebuild prints its errors and keeps serving the last good site, as ``build`` does.
"""

from __future__ import annotations

import errno
import functools
import tempfile
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from generator.contract.project import CONFIG_NAME, load_project, residence_paths
from generator.errors import UserError
from generator.publish.site import build_site


def _snapshot(root: Path) -> dict[Path, float]:
    paths = [root / CONFIG_NAME, *residence_paths(root)]
    return {p: p.stat().st_mtime for p in paths if p.exists()}


def _rebuild(root: Path, out: Path, today: date) -> None:
    try:
        build_site(load_project(root), out, today)
        click.echo(f"{time.strftime('%H:%M:%S')} site reconstruit")
    except UserError as e:
        click.echo(e.format_message(), err=True)


def serve_site(root: Path, port: int, today: date, poll_seconds: float = 1.0) -> None:
    """Build ``root`` into a temporary folder, serve it on ``port``, rebuild when a YAML file changes."""
    with tempfile.TemporaryDirectory(prefix="residence-hub-serve-") as tmp:
        out = Path(tmp) / "site"
        out.mkdir()
        server = open_server(port, out)  # first: a busy port is told at once, not after a build
        _rebuild(root, out, today)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        click.echo(f"Aperçu : http://127.0.0.1:{port}/  (Ctrl+C pour arrêter)")
        seen = _snapshot(root)
        try:
            while True:
                time.sleep(poll_seconds)
                current = _snapshot(root)
                if current != seen:
                    seen = current
                    _rebuild(root, out, today)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()


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
