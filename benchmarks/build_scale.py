"""Benchmark: ``python benchmarks/build_scale.py N`` builds N synthetic residences and prints the figures.

Measures, with the real ``residence-hub`` command in a subprocess (as CI runs it):
- full build wall time, and peak memory (sum of the resident sizes of the process and its workers,
  sampled every 50 ms), starting with an empty cache folder (``RESIDENCE_HUB_CACHE``), as a fresh runner;
- incremental rebuild after changing one residence file (same command, previous ``site/`` present, the
  cache the full build filled), then after another change with no cache at all (``off``: every file
  validated again, as on a new machine given only the previous ``site/``), and that the result is
  byte-identical to a fresh full build (``--no-verify`` skips this second full build);
- output size with ``du``: the whole site, the shared files at the root, and per microsite.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_project  # noqa: E402

TODAY = "2026-12-02"
COMMAND = [str(Path(sys.executable).with_name("residence-hub"))]


def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(args: list[str], cache: str) -> tuple[float, float, int, str]:
    """Run the command; returns (wall seconds, CPU seconds of it and its workers, peak RSS in kB, stdout).

    CPU time hardly depends on what else the machine runs; on an idle machine with C cores the wall time
    of a parallel build approaches CPU time / C.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(COMMAND + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "RESIDENCE_HUB_CACHE": cache})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(args)}\n{out}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, peak, out.strip()


def change(path: Path) -> None:
    """What a member of staff does: one word added to a notice of one residence."""
    text = path.read_text(encoding="utf-8")
    assert "Travaux sur la colonne." in text, f"{path.name} has no notice to change"
    path.write_text(text.replace("Travaux sur la colonne.", "Travaux sur la colonne montante."), encoding="utf-8")


def du_kb(*paths: Path) -> int:
    out = subprocess.run(["du", "-sk", "--total", *map(str, paths)], check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip().splitlines()[-1].split()[0])


def same_tree(a: Path, b: Path) -> bool:
    files = [p.relative_to(a) for p in a.rglob("*") if p.is_file()]
    other = [p.relative_to(b) for p in b.rglob("*") if p.is_file()]
    if sorted(files) != sorted(other):
        return False
    return all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--no-verify", action="store_true", help="skip the byte-identity check")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rh-bench-") as tmp:
        project = write_project(Path(tmp) / "project", options.count)
        site = project / "site"
        base = ["build", "--project", str(project), "--out", str(site), "--today", TODAY]
        load = os.getloadavg()
        cache = str(Path(tmp) / "cache")  # empty: the full build starts cold, as on a fresh CI runner
        full_s, full_cpu, full_peak, _ = run(base, cache)
        residences = sorted((project / "residences").glob("*.yml"))
        change(residences[options.count // 2])
        inc_s, inc_cpu, inc_peak, inc_out = run(base, cache)
        change(residences[options.count // 3])
        cold_s, cold_cpu, _, _ = run(base, "off")
        # The residences' folders; the rest (theme assets, index, staff posters page, law pages) is shared.
        microsites = [site / p.stem for p in (project / "residences").glob("*.yml")]
        shared = [p for p in site.iterdir() if p not in microsites]
        total_kb, shared_kb = du_kb(site), du_kb(*shared)
        per = sorted(du_kb(p) for p in microsites)
        print(f"residences: {options.count} (on {os.cpu_count()} cores; load average before "
              f"{load[0]:.1f}, after {os.getloadavg()[0]:.1f}: other work on the machine slows the figures)")
        print(f"full build: {full_s:.1f} s wall, {full_cpu:.1f} s CPU, peak memory {full_peak / 1024:.0f} MB")
        print(f"incremental rebuild after one file changed: {inc_s:.2f} s wall, {inc_cpu:.2f} s CPU, peak memory "
              f"{inc_peak / 1024:.0f} MB ({inc_out})")
        print(f"same, without the user cache (RESIDENCE_HUB_CACHE=off: every file validated again, font subsets "
              f"made again): {cold_s:.2f} s wall, {cold_cpu:.2f} s CPU")
        print(f"du site: {total_kb / 1024:.1f} MB; shared files at the root: {shared_kb} kB; per microsite: "
              f"mean {sum(per) / len(per):.0f} kB, max {per[-1]} kB")
        if not options.no_verify:
            fresh = Path(tmp) / "fresh"
            run(["build", "--project", str(project), "--out", str(fresh), "--today", TODAY], "off")
            print(f"incremental result byte-identical to a fresh full build: {same_tree(site, fresh)}")


if __name__ == "__main__":
    main()
