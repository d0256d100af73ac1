"""The ``residence-hub`` command as installed (``[project.scripts]``): the Click commands of ``cli``, in a
process set up for one command and left as soon as it is done.

This module imports nothing of the generator at load time, so that ``run`` controls how the rest is
imported (tests and other tools call ``cli.main``, through Click's ``CliRunner``).
"""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
from types import FrameType


def run() -> None:
    """``cli.main``, imported with the cycle collector off, then out of the process without teardown.

    - Importing the generator (MkDocs, Material, pydantic, Jinja, Babel…) creates hundreds of thousands of
      objects and almost no garbage, yet the collector ran ~120 times meanwhile (~40 ms of a 0.5 s
      rebuild). It is off while ``cli`` is imported; what the imports made is then set aside (``gc.freeze``)
      until the command ends (``cli`` hands it back then): collections meanwhile, and forked workers'
      copies of memory, leave it alone.
    - At exit Python frees every object one by one: after a build ~0.1 s, for memory the system takes back
      at once. Once the command is done (Click ends it with ``SystemExit``) the output is flushed and the
      ``atexit`` functions run (logging's, multiprocessing's, tempfile's), as on a normal exit, then the
      process ends with the command's exit code. Anything else propagates as usual.
    """
    for stream in (sys.stdout, sys.stderr):
        _writes_every_character(stream)
    _interruptible()
    os.environ.setdefault(*NO_PYDANTIC_PLUGINS)
    gc.disable()
    try:
        from generator.cli import main
    except KeyboardInterrupt:  # stopped while loading (~0.4 s): as Click tells it once loaded, no traceback
        print("Interrompu.", file=sys.stderr, flush=True)
        os._exit(128 + (_RECEIVED[0] if _RECEIVED else signal.SIGINT))
    finally:
        gc.freeze()
        gc.enable()
    try:
        main()
    except SystemExit as done:
        if not isinstance(done.code, (int, type(None))):
            raise
        code = done.code or 0
    if _RECEIVED and code:  # stopped by it (serve, which stops on Ctrl-C, ends well): as a shell tells it
        code = 128 + _RECEIVED[0]  # 130 for Ctrl-C, 143 for SIGTERM
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``| head``) or stream: as Python's own exit answers
            code = code or 120
    os._exit(code)


NO_PYDANTIC_PLUGINS = ("PYDANTIC_DISABLE_PLUGINS", "__all__")
"""Pydantic's own switch: the command's models are its own (the contract, the open data), nothing another
package should observe, and looking for plugins read the entry points of every installed package when
the first model was built (~3 ms of a rebuild). Set by the command unless already set; ``cli.main``, as
tests and other programs call it, leaves pydantic as it is."""

INTERRUPTIONS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""Ctrl-C; ``kill``, ``timeout``, ``docker stop`` and systemd; a closed terminal or SSH session (not on Windows,
where staff run ``validate`` and the pre-commit hook: CONTRIBUTING.md)."""
_RECEIVED: list[int] = []


def _interruptible() -> None:
    """Each of ``INTERRUPTIONS`` stops the command as Ctrl-C does (``KeyboardInterrupt``), so that it cleans up.

    Python only does so for SIGINT: SIGTERM and SIGHUP ended the process at once, leaving a build's staging
    folders (tens of MB, inside the published folder when it is a mount point) and its work folder in /tmp.
    Now every ``finally`` runs (the workers stopped, the staging removed, the last good site untouched),
    Click says « Interrompu. », and the exit code is the signal's (``run``), not 1, which says the data
    has mistakes. A signal ignored when the command started (``nohup``) stays ignored."""
    for number in INTERRUPTIONS:
        if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(number, _interrupted)


def _interrupted(number: int, _frame: FrameType | None) -> None:
    _RECEIVED.append(number)
    raise KeyboardInterrupt


def _writes_every_character(stream: object) -> None:
    """A character the stream's encoding lacks is written as its escape (« → » as backslash-u2192), not a crash.

    Where the output goes to a file or a pipe in an encoding short of Unicode (Windows' cp1252 when
    redirected, or under a pre-commit hook; a Latin-1 terminal), printing « → » or a residence's Arabic name
    raised UnicodeEncodeError: a valid project's ``validate`` ended as « Erreur interne », exit 2. Python
    already writes its error stream so (``backslashreplace``); the output now too."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
