"""Time ``write_posters`` for N synthetic residences (default 1,000): the target is under a minute on 2 cores.

    .venv/bin/python benchmarks/posters_scale.py [N] [--jobs J]

The residences are written into a temporary project (with the repository's ``site_config.yml``), loaded
and validated like real ones, then their posters (QR SVG and PNG, A4 and A5 PDFs) are written to a
temporary folder. Loading is timed apart from the posters.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.publish.print_run import write_posters  # noqa: E402
from generator.contract.project import load_project  # noqa: E402

CITIES = [("93200", "Saint-Denis", "saint-denis"), ("93100", "Montreuil", "montreuil")]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


def residence_yaml(i: int) -> str:
    """A residence whose length varies with ``i``: some with a caretaker and several slots, some without."""
    postcode, city, agency = CITIES[i % len(CITIES)]
    text = (f"name: Résidence des Érables n° {i}\n"
            f"address: {{street: {i % 200 + 1} avenue Jean-Jaurès, postcode: {postcode}, city: {city}}}\n"
            f"agency: {agency}\n")
    if i % 4:
        slots = "".join(f"    - {{days: [{DAYS[(i + k) % 6]}, {DAYS[(i + k + 2) % 6]}], open: 8h30, close: 12h, "
                        f"place: Hall du bâtiment {k + 1}}}\n" for k in range(i % 4))
        text += (f"caretaker:\n  name: Gardien·ne {i}\n  mode: {'itinerant' if i % 3 == 0 else 'resident'}\n"
                 f"  phone: 01 48 20 {i % 100:02d} {(i // 100) % 100:02d}\n  hours:\n{slots}")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="posters-bench-") as work:
        root = Path(work) / "project"
        (root / "residences").mkdir(parents=True)
        shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
        for i in range(args.count):
            (root / "residences" / f"residence-{i:05d}.yml").write_text(residence_yaml(i), encoding="utf-8")
        start = time.perf_counter()
        project = load_project(root)
        loaded = time.perf_counter() - start
        load = os.getloadavg()[0]  # other programs on the machine slow the wall-clock figure down
        start = time.perf_counter()
        cpu = time.process_time()
        files = write_posters(project, Path(work) / "out", [], date(2026, 12, 2), jobs=args.jobs)
        seconds = time.perf_counter() - start
        size = sum(f.stat().st_size for f in files)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = children.ru_utime + children.ru_stime
    per = seconds / args.count
    print(f"{args.count} residences on {os.cpu_count()} cores: load {loaded:.1f} s, "
          f"posters {seconds:.1f} s ({per * 1000:.0f} ms per residence, {len(files)} files, "
          f"{size / 1e6:.1f} MB; parent CPU {time.process_time() - cpu:.1f} s, "
          f"workers CPU {workers_cpu:.1f} s; load average before {load:.1f})")
    if args.count != 1000:
        print(f"→ 1,000 residences: about {per * 1000:.0f} s")


if __name__ == "__main__":
    main()
