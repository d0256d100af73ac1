"""Benchmark: ``python benchmarks/build_scale.py N`` builds N synthetic residences and prints the figures.

Measures, with the real ``residence-hub`` command in a subprocess (as CI runs it; ``--command`` times
another installation of it, e.g. one made by ``pip install .`` as the workflows do):
- full build wall time, and peak memory (sum of the resident sizes of the process and its workers,
  sampled every 50 ms), starting with an empty cache folder (``RESIDENCE_HUB_CACHE``), as a fresh runner;
- incremental rebuild after changing one residence file (same command, previous ``site/`` present, the
  cache the full build filled), ``--rebuilds R`` times (the word added, then taken out again...; ``--edit``
  says where: a notice's text, its title, which the staff dashboard shows, or the residence's name, which
  the index pages and lists show): the median, minimum and maximum, then after another change with no
  cache at all (``off``: every file validated again, as on a new machine given only the previous
  ``site/``), and that the result is byte-identical to a fresh full build (``--no-verify`` skips this
  second full build);
- output size: bytes of the files (what the size budget counts) of the whole site, of the shared files at
  the root and per residence (all its languages together), the same gzip-compressed (as static hosts serve
  text), ``du`` (disk blocks) for comparison, and the bytes of the archive ``upload-pages-artifact`` makes
  of the site (what GitHub Pages' 1 GB counts: ~20 % more than the files, a header per file and folder);
- ``--plain K``: K residences built by one plain ``mkdocs build`` per residence and per language (a process
  each, as without our fast path), timed in the same run: the speed-up is the plain time per site times
  residences × languages, over the full build's wall time (and the same in CPU time).

CPU seconds (user + system, of the command and its workers) are printed beside every wall time, and per
residence: on a machine shared with other work, wall times grow with the load while CPU times hardly move.

``--languages fr,en,ar`` publishes the site in those languages (``synthetic.write_project``).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
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
"""The command timed: this environment's, unless ``--command`` names another (see ``main``)."""


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


EDITS = {
    "notice-text": ("Travaux sur la colonne.", "Travaux sur la colonne montante."),  # on its microsite only
    "notice-title": ("title: Coupure d'eau ", "title: Coupure d'eau chaude "),  # also on the staff dashboard
    "name": ("name: Résidence ", "name: Résidence Nouvelle "),  # also on the index pages, lists, posters page
}
"""What a member of staff changes in one residence file (``--edit``): the text before and after."""


def change(path: Path, edit: str = "notice-text") -> None:
    """What a member of staff does: one word added to one residence's file (or taken out again, for the
    next rebuild), in the first place ``EDITS[edit]`` names."""
    before, after = EDITS[edit]
    text = path.read_text(encoding="utf-8")
    assert before in text or after in text, f"{path.name} has no « {before} » to change"
    path.write_text(text.replace(after, before, 1) if after in text else text.replace(before, after, 1),
                    encoding="utf-8")


def editable(command: str) -> bool:
    """Whether ``command``'s environment holds the generator as an editable install (its import hook)."""
    site = Path(command).resolve().parent.parent / "lib"
    return any(site.glob("python*/site-packages/__editable__*residence_hub*"))


def du_kb(*paths: Path) -> int:
    out = subprocess.run(["du", "-sk", "--total", *map(str, paths)], check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip().splitlines()[-1].split()[0])


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".vcf", ".webmanifest", ".csv"}
"""What static hosts (GitHub Pages) serve gzip-compressed."""


def file_bytes(*paths: Path) -> tuple[int, int]:
    """(bytes of every file under ``paths``, the same with text files gzip-compressed as served)."""
    raw = served = 0
    for root in paths:
        for path in [root] if root.is_file() else root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                raw += len(data)
                served += len(gzip.compress(data, 6)) if path.suffix in COMPRESSED else len(data)
    return raw, served


def archive_bytes(site: Path, *names: str) -> int:
    """Bytes of the archive ``upload-pages-artifact`` makes of ``names`` in ``site`` (its own tar command):
    what GitHub Pages' 1 GB counts. Every file takes a 512-byte header and is padded to 512 bytes, every
    folder takes a header, and hard links are archived as copies."""
    tar = subprocess.Popen(["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", "-",
                            "--exclude=.git", "--exclude=.github", *names], stdout=subprocess.PIPE)
    assert tar.stdout is not None
    size = sum(len(block) for block in iter(lambda: tar.stdout.read(1 << 20), b""))  # type: ignore[union-attr]
    if tar.wait():
        raise RuntimeError(f"tar failed on {site}")
    return size


def plain_builds(project: Path, count: int, workdir: Path) -> tuple[float, float, int]:
    """Wall and CPU time of one plain ``mkdocs build`` (own process) for each language of ``count``
    residences, and how many builds that was."""
    code = (
        "import sys; from pathlib import Path; from datetime import date\n"
        "from generator.contract.project import load_project\n"
        "from generator.outputs.context import ResidenceContext\n"
        "from generator.publish.site import residence_site\n"
        "from generator.publish.microsite import write_workdir\n"
        "project = load_project(Path(sys.argv[1])); work = Path(sys.argv[3])\n"
        "for item in project.residences[:int(sys.argv[2])]:\n"
        "    for lang in project.config.languages:\n"
        "        ctx = ResidenceContext.of(project, item, date.fromisoformat(sys.argv[4]), lang)\n"
        "        w = work / item.slug / lang\n"
        "        print(write_workdir(*residence_site(ctx), w, w / 'site'))\n")
    configs = subprocess.run([sys.executable, "-c", code, str(project), str(count), str(workdir), TODAY],
                             check=True, capture_output=True, text=True).stdout.split()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for config in configs:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config], check=True,
                       capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu, len(configs)


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
    parser.add_argument("--languages", default="", help="publish in these languages, e.g. fr,en,ar")
    parser.add_argument("--rebuilds", type=lambda text: max(1, int(text)), default=7, metavar="R",
                        help="rebuilds after one change to time, at least 1 (median, min and max reported)")
    parser.add_argument("--edit", choices=sorted(EDITS), default="notice-text",
                        help="what the timed rebuilds change in one residence (default: a notice's text)")
    parser.add_argument("--command", metavar="PATH",
                        help="the residence-hub command to time (default: this environment's). The workflows "
                             "install it with `pip install .`; an editable install (`pip install -e`, as "
                             "scripts/test.sh makes) adds its import hook to every start, ~30 ms")
    parser.add_argument("--plain", type=int, default=0, metavar="K",
                        help="time plain mkdocs builds of K residences (every language) for the speed-up")
    options = parser.parse_args()
    if options.command:
        COMMAND[:] = [options.command]
    languages = tuple(code for code in options.languages.split(",") if code)
    with tempfile.TemporaryDirectory(prefix="rh-bench-") as tmp:
        project = write_project(Path(tmp) / "project", options.count, languages=languages)
        site = project / "site"
        base = ["build", "--project", str(project), "--out", str(site), "--today", TODAY]
        load = os.getloadavg()
        cache = str(Path(tmp) / "cache")  # empty: the full build starts cold, as on a fresh CI runner
        full_s, full_cpu, full_peak, _ = run(base, cache)
        residences = sorted((project / "residences").glob("*.yml"))
        rebuilds = []  # one residence changed each time: single runs vary with the machine's other work
        for _ in range(options.rebuilds):
            change(residences[options.count // 2], options.edit)
            rebuilds.append(run(base, cache))
            assert "(1 reconstruite(s)" in rebuilds[-1][3], rebuilds[-1][3]
        inc_s, inc_cpu = statistics.median(r[0] for r in rebuilds), statistics.median(r[1] for r in rebuilds)
        inc_peak, inc_out = max(r[2] for r in rebuilds), rebuilds[-1][3]
        change(residences[options.count // 3])
        cold_s, cold_cpu, _, _ = run(base, "off")
        # The residences' folders; the rest (theme assets, index, staff posters page, law pages) is shared.
        microsites = [site / p.stem for p in (project / "residences").glob("*.yml")]
        shared = [p for p in site.iterdir() if p not in microsites]
        total_kb, shared_kb = du_kb(site), du_kb(*shared)
        per = sorted(du_kb(p) for p in microsites)
        total_b, total_gz = file_bytes(site)
        shared_b, shared_gz = file_bytes(*shared)
        per_b = sorted(file_bytes(p) for p in microsites)
        archive, shared_archive = archive_bytes(site, "."), archive_bytes(site, *(p.name for p in shared))
        per_archive = (archive - shared_archive) / options.count
        print(f"languages: {', '.join(languages) or 'fr (default)'}")
        print(f"residences: {options.count} (on {os.cpu_count()} cores; load average before "
              f"{load[0]:.1f}, after {os.getloadavg()[0]:.1f}: other work on the machine slows the figures)")
        sites = options.count * max(1, len(languages))
        print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; command: {COMMAND[0]} "
              f"({'editable install' if editable(COMMAND[0]) else 'installed as the workflows do'})")
        print(f"full build: {full_s:.1f} s wall, {full_cpu:.1f} s CPU, peak memory {full_peak / 1024:.0f} MB; "
              f"per residence {full_cpu / options.count:.3f} CPU-s ({1000 * full_cpu / sites:.0f} ms CPU per "
              f"residence and language), {1000 * full_s / options.count:.1f} ms wall")
        print(f"incremental rebuild after one file changed ({options.edit}; {len(rebuilds)} runs, median): "
              f"{inc_s:.2f} s wall, "
              f"{inc_cpu:.2f} s CPU, min {min(r[0] for r in rebuilds):.2f} s wall, max "
              f"{max(r[0] for r in rebuilds):.2f} s; peak memory {inc_peak / 1024:.0f} MB ({inc_out})")
        print(f"same, without the user cache (RESIDENCE_HUB_CACHE=off: every file validated again, font subsets "
              f"made again): {cold_s:.2f} s wall, {cold_cpu:.2f} s CPU")
        print(f"du site: {total_kb / 1024:.1f} MB; shared files at the root: {shared_kb} kB; per microsite: "
              f"mean {sum(per) / len(per):.0f} kB, max {per[-1]} kB")
        print(f"bytes of files: site {total_b / 1e6:.1f} MB ({total_gz / 1e6:.1f} MB gzip-served); shared at the "
              f"root {shared_b / 1e3:.0f} KB ({shared_gz / 1e3:.0f} KB); per residence, all languages: mean "
              f"{sum(b for b, _ in per_b) / len(per_b) / 1e3:.1f} KB, max {max(b for b, _ in per_b) / 1e3:.1f} KB "
              f"(gzip-served mean {sum(g for _, g in per_b) / len(per_b) / 1e3:.1f} KB); at this rate 5,000 "
              f"residences = {(shared_b + 5000 * sum(b for b, _ in per_b) / len(per_b)) / 1e9:.2f} GB")
        print(f"archive uploaded to GitHub Pages (upload-pages-artifact's tar: a header per file and folder, "
              f"files padded to 512 bytes): site {archive / 1e6:.1f} MB; per residence {per_archive / 1e3:.1f} KB; "
              f"at this rate 5,000 residences = {(shared_archive + 5000 * per_archive) / 1e9:.2f} GB")
        if options.plain:
            plain_s, plain_cpu, timed = plain_builds(project, options.plain, Path(tmp) / "plain")
            estimate, estimate_cpu = plain_s / timed * sites, plain_cpu / timed * sites
            print(f"plain mkdocs build: {plain_s / timed:.2f} s wall, {plain_cpu / timed:.2f} s CPU per residence and "
                  f"language ({timed} timed); for all: ~{estimate:.0f} s wall, {estimate / full_s:.1f}x the full "
                  f"build's wall time; ~{estimate_cpu:.0f} s CPU, {estimate_cpu / full_cpu:.1f}x its CPU time")
        if not options.no_verify:
            fresh = Path(tmp) / "fresh"
            run(["build", "--project", str(project), "--out", str(fresh), "--today", TODAY], "off")
            print(f"incremental result byte-identical to a fresh full build: {same_tree(site, fresh)}")


if __name__ == "__main__":
    main()
