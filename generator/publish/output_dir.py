"""The output folder: one build at a time, never an instant without a site, and plain French when it fails.

- **Lock**: a build holds an exclusive ``flock`` on ``.<name>.lock`` beside the output folder (inside a mount
  point: ``lock_path``) from before it reads the old site (to reuse microsites) until the new one is in
  place. A second build into the same folder (a nightly run overlapping a merge's, two terminals) waits
  for it, saying so, and gives up with a clear message after ``LOCK_WAIT`` seconds; it never writes into
  the first one's staging folder.
- **Swap**: the new site, staged beside the old one, takes its place with Linux's
  ``renameat2(RENAME_EXCHANGE)`` (through ``ctypes``): both names always exist, so a visitor gets either
  the old site or the new one, never a missing folder. Where the kernel or file system lacks it (other
  systems, some network file systems), two renames are the fallback: a short instant without a site.
- **Mount point** (a Docker volume): a mount point cannot be renamed, and a folder beside it is on another
  file system. The site is then staged *inside* it (in a hidden folder) and each entry is exchanged in
  place, so every file and microsite is always whole.
- **Interruptions** (Ctrl-C, SIGTERM, SIGHUP: ``command``) wait while a site is being put in place
  (``uninterrupted``): it is then published whole, rather than left half old, half new.
- **Errors**: read-only file system, full disk, missing rights... become one ``UserError`` naming the
  folder; the old site is left as it was (the staging folder is removed).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Callable, Iterator, TextIO

from generator.contract.project import RESIDENCES_DIR
from generator.errors import UserError, printable_line
from generator.files import replace_with

INTERRUPTIONS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""What stops a command (``command.INTERRUPTIONS``): held while a site is put in place, ignored by workers."""
LOCK_WAIT = 600.0
"""Seconds a build waits for another build into the same folder before giving up."""

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2

_MESSAGES = {
    errno.ENOSPC: ("le disque est plein : le nouveau site n'a pas pu être écrit",
                   "libérez de la place sur ce disque puis relancez ; l'ancien site est resté en place"),
    errno.EDQUOT: ("le quota de ce disque est atteint : le nouveau site n'a pas pu être écrit",
                   "libérez de la place ou demandez un quota plus grand, puis relancez"),
    errno.EROFS: ("ce dossier est en lecture seule : impossible d'y publier le site",
                  "choisissez un dossier inscriptible avec --out, ou remontez le disque en écriture"),
    errno.EACCES: ("droits insuffisants pour écrire dans ce dossier ou à côté",
                   "donnez les droits d'écriture au compte qui lance la commande, ou choisissez un autre --out"),
    errno.EPERM: ("opération refusée par le système dans ce dossier",
                  "vérifiez les droits et attributs du dossier (lecture seule, immuable), "
                  "ou choisissez un autre --out"),
    errno.ENOTDIR: ("un fichier porte le nom d'un dossier attendu",
                    "choisissez avec --out un dossier, pas un fichier"),
}


def problem(out_dir: Path, error: OSError) -> UserError:
    """One French message naming the output folder, for any error of the file system."""
    if error.errno not in _MESSAGES:
        return UserError.from_os_error(error, out_dir)  # the system's refusal in French, not its English words
    message, hint = _MESSAGES[error.errno]
    return UserError.single(out_dir, 1, message, hint)


@contextmanager
def file_system_errors(out_dir: Path) -> Iterator[None]:
    """Turn an ``OSError`` raised while publishing into the ``UserError`` of ``problem``."""
    try:
        yield
    except OSError as error:
        raise problem(out_dir, error) from error


def resolved(path: Path) -> Path:
    """``path`` made absolute, its links followed; a loop of links (« boucle -> boucle », or a folder under one)
    told at ``path`` as the system says it: Python's ``resolve`` raises RuntimeError for one before 3.13, and
    build and posters stopped with « Erreur interne »."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError) as error:
        refused = error if isinstance(error, OSError) else OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        raise UserError.from_os_error(refused, path) from None


def check_outside_residences(out_dir: Path, root: Path) -> None:
    """An output folder is never in ``residences/``: a site or posters there sat among the files staff edit
    and commit, and a folder named ``x.yml`` made every later command refuse the project (« c'est un
    dossier, pas un fichier »)."""
    residences, out_dir = resolved(root / RESIDENCES_DIR), resolved(out_dir)
    if out_dir.is_relative_to(residences):
        raise UserError.single(out_dir, 1, f"le dossier de sortie est dans {RESIDENCES_DIR}/, parmi les fiches des "
                               "résidences", f"choisissez un dossier hors de {RESIDENCES_DIR}/ avec --out (par "
                               "défaut : site/ pour le site, affiches/ pour les affiches)")


def check_replaceable(out_dir: Path, marker: str) -> None:
    """Only an empty folder, or one we built (it holds ``marker``), is ever replaced whole."""
    if out_dir.exists() and set(os.listdir(out_dir)) - {INSIDE_LOCK} and not (out_dir / marker).exists():
        raise UserError.single(out_dir, 1, "ce dossier existe et n'a pas été créé par residence-hub",
                               "choisissez un autre dossier avec --out, ou videz celui-ci : "
                               "il serait remplacé en entier")


INSIDE_LOCK = ".residence-hub.lock"
"""The lock file of a mount point, inside it: kept by every update (``replace_entries``)."""


def lock_path(out_dir: Path) -> Path:
    """The lock file of an output folder: beside it, so that it survives the swap; inside a mount point,
    which is never swapped and whose parent may be read-only (``docker run --read-only -v …:/site``: a lock
    beside it stopped every build there, though the site is staged inside)."""
    return out_dir / INSIDE_LOCK if is_mount_point(out_dir) else out_dir.with_name(f".{out_dir.name}.lock")


@contextmanager
def exclusive(out_dir: Path, stream: TextIO | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's lock; wait (saying so on ``stream``) while another build holds it."""
    try:
        import fcntl  # here: Unix only, and staff run validate on Windows, whose commands all import this module
    except ImportError:
        raise UserError.single(out_dir, 1, "construire le site demande Linux ou macOS",
                               "sous Windows, construisez-le dans WSL ou un codespace (CONTRIBUTING.md), ou laissez "
                               "GitHub le construire ; validate et diff marchent partout") from None
    wait = LOCK_WAIT if wait is None else wait
    if out_dir.parent == out_dir:  # « --out / »: no folder beside it for the lock, the staging or the swap
        raise UserError.single(out_dir, 1, "la racine du disque ne peut pas être le dossier du site",
                               "choisissez un dossier à vous avec --out, par exemple site/ dans le projet")
    with file_system_errors(out_dir):
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(out_dir), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError.single(
                        out_dir, 1, "un autre build écrit déjà dans ce dossier", "attendez qu'il se termine "
                        "puis relancez, ou choisissez un autre dossier avec --out ; rien n'a été modifié") from None
                if not told:
                    print(f"Un autre build écrit dans {printable_line(out_dir)} : attente de sa fin…",
                          file=stream or sys.stderr)
                    told = True
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # releases the lock


def _renameat2() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step; ``False`` where the system cannot (then nothing changed)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel, or a file system without the exchange
    raise OSError(code, os.strerror(code), str(second))


def replace(new: Path, target: Path, trash: Path) -> None:
    """Put ``new`` at ``target``; whatever was there ends at ``trash`` (which must not exist)."""
    if not (target.exists() or target.is_symlink()):
        new.rename(target)
    elif exchange(new, target):
        try:
            new.rename(trash)
        except OSError:
            exchange(new, target)  # as it was: ``replace_entries`` puts back only what was replaced
            raise
    else:  # two renames: ``target`` is missing between them
        target.rename(trash)
        try:
            new.rename(target)
        except OSError:
            trash.rename(target)
            raise


def is_mount_point(out_dir: Path) -> bool:
    """Whether the output folder is a file system's root (a Docker volume): it cannot be renamed."""
    return out_dir.is_dir() and os.path.ismount(out_dir)


def staging_dir(out_dir: Path) -> Path:
    """Where a build is staged: beside the folder, or inside it when the folder is a mount point."""
    if is_mount_point(out_dir):
        return out_dir / ".residence-hub.building"
    return out_dir.with_name(f".{out_dir.name}.building")


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold ``INTERRUPTIONS`` until the block is done; one that came meanwhile then stops the command.

    Putting a site in place takes several steps (entries exchanged one by one in a mount point or by an
    incremental build; two renames where the system cannot exchange): interrupted between two of them, the
    published folder held new entries beside old ones (an index naming a residence as its page did not
    yet), or, between the two renames, no site at all, and the next build removed the old one.

    Held by noting them (Python runs every signal handler in the main thread), not by blocking them with
    ``pthread_sigmask``: that blocks them for the calling thread only, and the kernel hands a signal to any
    other thread alive (serve's HTTP server), whose arrival still ran the handler at once."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    held: list[int] = []
    previous = {number: signal.signal(number, lambda number, _frame: held.append(number)) for number in INTERRUPTIONS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if held:
            signal.raise_signal(held[0])  # as it came, to the handler it was meant for


def swap(staging: Path, out_dir: Path, manifest: str = "") -> None:
    """Publish ``staging`` as ``out_dir`` with no instant without a site (see the module's notes).

    ``manifest`` names the entry that says what the others were built from, which the next build trusts.
    In a mount point, whose entries are exchanged one by one, it is removed first and put in place last:
    exchanged in the order of the names, it came first, and a build killed then (SIGKILL, a power cut)
    left it describing microsites still old, which the next build kept as they were."""
    if staging.parent == out_dir:  # a mount point: exchange its entries one by one
        with uninterrupted():
            described = read_or_none(out_dir / manifest) if manifest else None
            if manifest:
                (out_dir / manifest).unlink(missing_ok=True)
            replace_entries(staging, out_dir, keep=set(), last=manifest, put_back=lambda: restore(
                out_dir / manifest, described))
        return
    old = out_dir.with_name(f".{out_dir.name}.old")
    try:
        with uninterrupted():
            shutil.rmtree(old, ignore_errors=True)
            replace(staging, out_dir, old)
    finally:  # also when an interruption held meanwhile stops the command
        shutil.rmtree(old, ignore_errors=True)


def replace_entries(staging: Path, out_dir: Path, keep: set[str], preserve: frozenset[str] = frozenset(),
                    last: str = "", put_back: Callable[[], None] = lambda: None) -> None:
    """Each entry of ``staging`` replaces its namesake in ``out_dir``, ``last`` after all the others; entries
    not in ``staging``, ``keep`` or ``preserve`` are removed. ``staging`` may be inside ``out_dir`` (it is
    then skipped).

    All or nothing: when the system refuses one entry (a microsite's folder left read-only or immutable, a
    full disk), those already replaced or removed are put back, and ``put_back`` is called once every one is;
    then the error is raised. Half way, the index named a residence as its new microsite did not yet, while
    the command said that nothing was published."""
    trash = out_dir / ".residence-hub.old" if staging.parent == out_dir else \
        out_dir.with_name(f".{out_dir.name}.old")
    shutil.rmtree(trash, ignore_errors=True)
    trash.mkdir()
    incoming = sorted((entry.name for entry in staging.iterdir()), key=lambda name: (name == last, name))
    done: list[str] = []
    try:
        for name in incoming:
            replace(staging / name, out_dir / name, trash / name)
            done.append(name)
        staying = keep | preserve | {staging.name, trash.name, INSIDE_LOCK} | set(incoming)  # keep: every microsite
        for name in sorted(os.listdir(out_dir)):  # names: sorting 1,000 paths takes 8 ms
            if name not in staying:
                (out_dir / name).rename(trash / name)
                done.append(name)
    except OSError:
        if _undone(done, set(incoming), staging, out_dir, trash):
            put_back()
            shutil.rmtree(trash, ignore_errors=True)
        raise
    shutil.rmtree(trash, ignore_errors=True)


def _undone(done: list[str], incoming: set[str], staging: Path, out_dir: Path, trash: Path) -> bool:
    """Put back, last first, the entries of ``out_dir`` that ``replace_entries`` replaced (their new one goes
    back to ``staging``) or removed; whether every one is."""
    whole = True
    for name in reversed(done):
        old, published = trash / name, out_dir / name
        try:
            if name not in incoming:
                old.rename(published)
            elif not os.path.lexists(old):  # new in this build
                published.rename(staging / name)
            elif not exchange(old, published):
                published.rename(staging / name)
                old.rename(published)
        except OSError:
            whole = False
    return whole


def read_or_none(path: Path) -> bytes | None:
    """A file's bytes, to ``restore`` it later; None when there is none (or it cannot be read)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def restore(path: Path, content: bytes | None) -> None:
    """Put ``content`` back at ``path`` (a manifest changed before entries were replaced, whose replacement
    failed), if there was one: whole (``files.replace_with``), as the next build trusts it."""
    if content is not None:
        with suppress(OSError):
            replace_with(path, content)
