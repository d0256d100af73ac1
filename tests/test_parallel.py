"""Work spread over forked workers (``publish.parallel``): every item once, in a worker, handed out one at a
time; this process free meanwhile (the index is made there); a worker's failure raised here."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.publish.parallel import run_all, started

KEYS = [f"residence-{number:02d}" for number in range(12)]


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never came"
        time.sleep(0.01)


def test_every_key_runs_once_in_a_worker() -> None:
    here = os.getpid()
    counted = []
    results = run_all(lambda key: (key, os.getpid()), KEYS, jobs=2, advance=lambda: counted.append(1))
    assert sorted(key for key, _ in results) == KEYS and len(counted) == len(KEYS)
    assert all(pid != here for _, pid in results)


def test_keys_are_handed_out_one_at_a_time(tmp_path: Path) -> None:
    """The first key waits until every other one is done: in batches (of 2 or more for 40 keys, before),
    the keys of its batch would wait behind it forever; one at a time, the other worker builds them all."""
    keys = [f"residence-{number:02d}" for number in range(40)]

    def task(key: str) -> str:
        if key == keys[0]:
            for other in keys[1:]:
                _wait_for(tmp_path / other)
        (tmp_path / key).touch()
        return key

    assert sorted(run_all(task, keys, jobs=2)) == keys


def test_this_process_works_while_the_workers_run(tmp_path: Path) -> None:
    """It waits for a file a worker writes: were the workers started only when the results are asked
    for, it would wait in vain."""
    def task(key: str) -> str:
        (tmp_path / "a worker started").touch()
        return key

    with started(task, KEYS, jobs=2) as results:
        _wait_for(tmp_path / "a worker started")
        assert sorted(results()) == KEYS


def test_with_one_job_the_keys_run_here_in_order_when_asked_for() -> None:
    order: list[str] = []
    with started(lambda key: order.append(key) or key, KEYS[:3], jobs=1) as results:
        order.append("index")
        assert results() == KEYS[:3]
    assert order == ["index", *KEYS[:3]]


def test_a_worker_failure_is_raised_with_the_results() -> None:
    def task(key: str) -> str:
        raise RuntimeError(f"{key}: trop de texte")

    with pytest.raises(RuntimeError, match="trop de texte"), started(task, KEYS, jobs=2) as results:
        results()


def test_a_worker_killed_stops_the_run_in_french_instead_of_waiting_for_ever() -> None:
    """The kernel kills a worker that takes too much memory (or someone kills it with SIGKILL): its residence
    never came back, and the run waited for it for ever, holding the output folder's lock (every later build
    waited ten minutes, then gave up). Here an alarm ends what would hang."""
    def task(key: str) -> str:
        if key == KEYS[3]:
            os.kill(os.getpid(), signal.SIGKILL)
        return key

    def hung(_number: int, _frame: object) -> None:
        raise AssertionError("the run still waits for the killed worker")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with pytest.raises(UserError) as error:
            run_all(task, KEYS, jobs=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    message = error.value.format_message()
    assert "un des processus de la construction s'est arrêté brutalement (signal 9)" in message, message
    assert "--jobs" in message, message


def test_default_jobs_keep_within_the_cgroup_s_cpu_quota(tmp_path: Path) -> None:
    """A container's CPU limit (``docker run --cpus``, a Kubernetes pod) is a cgroup quota, not an affinity:
    a build in a 1.5-CPU container on a 32-core host forked 32 workers. The files as the kernel shows them
    (cgroup v2, then v1 with cpu and cpuacct mounted together); this machine's own, without a quota."""
    from generator.publish.parallel import default_jobs

    cores = len(os.sched_getaffinity(0))
    proc, root = tmp_path / "cgroup", tmp_path / "sys"
    (root / "kubepods" / "pod1").mkdir(parents=True)
    proc.write_text("0::/kubepods/pod1\n")
    (root / "kubepods" / "pod1" / "cpu.max").write_text("max 100000\n")
    assert default_jobs(proc, root) == cores
    (root / "kubepods" / "pod1" / "cpu.max").write_text("50000 100000\n")
    assert default_jobs(proc, root) == 1
    (root / "cpu" / "docker" / "abc").mkdir(parents=True)
    proc.write_text("12:pids:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n")
    (root / "cpu" / "docker" / "abc" / "cpu.cfs_period_us").write_text("100000\n")
    (root / "cpu" / "docker" / "abc" / "cpu.cfs_quota_us").write_text("-1\n")
    assert default_jobs(proc, root) == cores
    (root / "cpu" / "docker" / "abc" / "cpu.cfs_quota_us").write_text("50000\n")
    assert default_jobs(proc, root) == 1
    assert default_jobs(tmp_path / "none", root) == cores  # not Linux, or /proc not mounted
    assert 1 <= default_jobs() <= cores
