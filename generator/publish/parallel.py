"""Work spread over forked processes, for the steps that scale with the number of residences.

Forking (not spawning) lets each worker inherit what the main process already loaded — the project, the
compiled templates — and keep its own caches from one residence to the next. The function to run is set
before the fork, so only the items and the results travel between processes.

Balance: items are handed out one at a time. Each is a residence, ~0.1 s of work in every language, and
handing one out costs well under a millisecond; in batches (up to 8 before), one worker could still have a
whole batch to build at the end (~1 s at 1,000 residences) while the others waited.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from generator.errors import UserError
from generator.publish.output_dir import INTERRUPTIONS

_FUNCTION: Callable[[Any], Any] | None = None
_MAIN = (0, 0)
"""The process that forks the workers (``forked_pool``) and its thread: a worker ends when it does (``_dies_with``)."""
_PR_SET_PDEATHSIG = 1
T = TypeVar("T")
WATCH_SECONDS = 1.0
"""How long the results are waited for before looking whether a worker is gone (``_watched``)."""


PROC_CGROUP = Path("/proc/self/cgroup")
CGROUP_ROOT = Path("/sys/fs/cgroup")


def default_jobs(proc_cgroup: Path = PROC_CGROUP, cgroup_root: Path = CGROUP_ROOT) -> int:
    """The cores this process may use: its affinity (a CI runner's share, not the host's count), within its
    cgroup's CPU quota (``docker run --cpus 2``, a Kubernetes pod's CPU limit), which the affinity does not
    show: in such a container on a 32-core host a build forked 32 workers of ~130 MB each for 2 CPUs'
    worth of time, enough to be killed for memory where the container has 2 GB."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    quotas = cpu_quotas(proc_cgroup, cgroup_root)
    return max(1, min([cores, *quotas]))


def cpu_quotas(proc_cgroup: Path, cgroup_root: Path) -> list[int]:
    """The CPU quotas of this process's cgroups, each rounded up to whole CPUs: ``cpu.max`` (cgroup v2) and
    ``cpu.cfs_quota_us`` over ``cpu.cfs_period_us`` (v1); none where there is no quota or nothing to read."""
    try:
        lines = proc_cgroup.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    quotas = []
    for line in lines:
        if line.count(":") < 2:
            continue
        _, controllers, path = line.split(":", 2)
        try:
            if controllers == "":  # v2: « 0::/path »
                quota, period = (cgroup_root / path.lstrip("/") / "cpu.max").read_text(encoding="utf-8").split()
            elif "cpu" in controllers.split(","):  # v1: « 4:cpu,cpuacct:/path »
                folder = cgroup_root / "cpu" / path.lstrip("/")
                quota, period = ((folder / name).read_text(encoding="utf-8").strip()
                                 for name in ("cpu.cfs_quota_us", "cpu.cfs_period_us"))
            else:
                continue
            if quota not in ("max", "-1"):
                quotas.append(-(-int(quota) // int(period)))
        except (OSError, ValueError, ZeroDivisionError):
            continue
    return quotas


def can_fork() -> bool:
    """Whether this system can fork processes (Linux, macOS); otherwise work runs in one."""
    import multiprocessing  # here, as below: a rebuild of one residence forks nothing

    return "fork" in multiprocessing.get_all_start_methods()


def call_in_worker(item: Any) -> Any:
    """In a worker: an exception that could not travel back to the main process would hang the pool."""
    assert _FUNCTION is not None
    try:
        return _FUNCTION(item)
    except Exception as error:
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:
            raise RuntimeError(f"{item}: {''.join(traceback.format_exception(error))}") from None
        raise


@contextmanager
def forked_pool(function: Callable[[Any], Any], jobs: int) -> Iterator[Any]:
    """A ``multiprocessing`` pool of ``jobs`` forked workers whose ``call_in_worker`` runs ``function``."""
    import multiprocessing

    global _FUNCTION, _MAIN
    _FUNCTION, _MAIN = function, (os.getpid(), threading.get_ident())
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_as_a_worker) as pool:
            yield pool
    finally:
        _FUNCTION = None


def _as_a_worker() -> None:
    """A worker leaves interruptions to the main process: Ctrl-C reaches the whole process group, and each
    worker printed its own ``KeyboardInterrupt`` traceback; the main process stops the workers with SIGTERM
    (``Pool.terminate``), which must end them at once, not raise in them (``command._interruptible``)."""
    for number in INTERRUPTIONS:
        signal.signal(number, signal.SIG_IGN if number == signal.SIGINT else signal.SIG_DFL)
    _dies_with(*_MAIN)


def _dies_with(parent: int, thread: int) -> None:
    """End this worker when ``parent`` ends. The main process killed outright (SIGKILL: the kernel short of
    memory, ``kill -9``) cannot stop its workers: they built on, each printed a BrokenPipeError traceback
    when its result found no reader, and held the output folder's lock, inherited, until done. Linux's
    ``PR_SET_PDEATHSIG``; elsewhere (macOS) they still finish their residence.

    That signal follows the *thread* that forked the worker: only the workers forked by ``thread`` (the one
    in ``forked_pool``, there as long as the pool) ask for it. A worker that replaces a killed one is forked
    by the pool's handler thread, which ends with the pool: it was killed then, holding the pool's queue
    lock, and the run waited for it for ever (the run is stopped anyway: ``_watched``)."""
    if threading.get_ident() != thread:  # a fork keeps the thread's identity: this is the forking thread's
        return
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it was gone before that
        os._exit(1)


def run_all(task: Callable[[str], T], keys: list[str], jobs: int,
            advance: Callable[[], None] = lambda: None) -> list[T]:
    """``task(key)`` for every key, on ``jobs`` forked workers that each keep their caches; the results.

    A worker's exception stops the whole run and is raised here, so a failed build publishes nothing.
    """
    with started(task, keys, jobs if len(keys) > 1 else 1, advance) as results:
        return results()


@contextmanager
def started(task: Callable[[str], T], keys: list[str], jobs: int,
            advance: Callable[[], None] = lambda: None) -> Iterator[Callable[[], list[T]]]:
    """``run_all`` begun now on forked workers, while this process does something else; the function
    yielded waits for the results (and raises a worker's exception). Leaving the block without calling
    it stops the workers. With one process (``jobs`` 1, no fork), the work is done when it is called."""
    if jobs <= 1 or not keys or not can_fork():
        yield lambda: [_advanced(task(key), advance) for key in keys]
        return
    import multiprocessing

    before = set(multiprocessing.active_children())
    with forked_pool(task, min(jobs, len(keys))) as pool:
        workers = [child for child in multiprocessing.active_children() if child not in before]
        pending = pool.imap_unordered(call_in_worker, keys, chunksize=1)
        yield lambda: [_advanced(result, advance) for result in _watched(pending, workers)]


def _watched(pending: Any, workers: list[Any]) -> Iterator[Any]:
    """The results of ``pending`` (a pool's ``imap_unordered``), or a ``UserError`` once one of ``workers``
    is gone. A pool's workers live until it is closed; one killed (by the kernel, short of memory, or by
    SIGKILL) takes its item with it, and the pool, which starts another worker, waited for that item for
    ever, holding the output folder's lock."""
    import multiprocessing

    while True:
        try:
            yield pending.next(timeout=WATCH_SECONDS)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            gone = [worker.exitcode for worker in workers if not worker.is_alive()]
            if gone:
                raise UserError.single(
                    "<ligne de commande>", 1, "un des processus de la construction s'est arrêté brutalement "
                    f"({'signal ' + str(-gone[0]) if gone[0] < 0 else 'code ' + str(gone[0])})",
                    "souvent faute de mémoire : relancez avec moins de processus (--jobs 1) ou sur une machine "
                    "qui en a plus") from None


def _advanced(result: T, advance: Callable[[], None]) -> T:
    advance()
    return result
