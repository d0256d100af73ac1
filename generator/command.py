"""The ``residence-hub`` command as installed (``[project.scripts]``): the Click commands of ``cli``, in a
process set up for one command and left as soon as it is done.

This module imports nothing of the generator at load time, so that ``run`` controls how the rest is
imported (tests and other tools call ``cli.main``, through Click's ``CliRunner``).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys


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
    gc.disable()
    try:
        from generator.cli import main
    finally:
        gc.freeze()
        gc.enable()
    try:
        main()
    except SystemExit as done:
        if not isinstance(done.code, (int, type(None))):
            raise
        code = done.code or 0
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``| head``) or stream: as Python's own exit answers
            code = code or 120
    os._exit(code)


def _writes_every_character(stream: object) -> None:
    """A character the stream's encoding lacks is written as its escape (« → » as backslash-u2192), not a crash.

    Where the output goes to a file or a pipe in an encoding short of Unicode (Windows' cp1252 when
    redirected, or under a pre-commit hook; a Latin-1 terminal), printing « → » or a residence's Arabic name
    raised UnicodeEncodeError: a valid project's ``validate`` ended as « Erreur interne », exit 2. Python
    already writes its error stream so (``backslashreplace``); the output now too."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
