"""Promise: « the last good site is never damaged » — whatever happens to the output folder.

Real file systems, not simulations: a small tmpfs is mounted (the tests run as root, as in CI's
container) to get a full disk, a read-only disk and an output folder that is itself a mount point (a
Docker volume). Two real ``residence-hub build`` processes race into one folder.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from generator.contract.project import load_project
from generator.errors import UserError
from generator.publish import output_dir
from generator.publish.site import build_site
from conftest import RESIDENCE, SAMPLE_TODAY as TODAY

pytestmark = pytest.mark.slow  # real builds (seconds each)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def tmpfs(where: Path, size: str = "64m") -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def rename_residence(root: Path, name: str) -> None:
    path = root / "residences" / "test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Résidence Test", name), encoding="utf-8")


def test_a_second_build_waits_for_the_first_then_refuses_in_french(make_project, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    before = tree(out)
    monkeypatch.setattr(output_dir, "LOCK_WAIT", 0.5)
    with open(output_dir.lock_path(out), "a") as held:  # another build holds the folder
        fcntl.flock(held, fcntl.LOCK_EX)
        rename_residence(root, "Résidence Changée")
        with pytest.raises(UserError) as error:
            build_site(load_project(root), out, TODAY)
    assert error.value.format_message().splitlines()[0] == (
        f"{out}:1: un autre build écrit déjà dans ce dossier")
    assert tree(out) == before


def test_two_builds_racing_into_one_folder_both_succeed_and_leave_a_whole_site(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "site"
    command = [str(Path(sys.executable).parent / "residence-hub"), "build", "--project", str(root), "--out", str(out),
               "--today", TODAY.isoformat(), "--jobs", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    assert [code for code, _ in results] == [0, 0], results
    assert (out / "index.html").is_file() and (out / "assets").is_dir() and (out / "test" / "index.html").is_file()
    again = tmp_path / "again"
    build_site(load_project(root), again, TODAY)
    assert tree(out) == tree(again)


def test_the_folder_never_disappears_during_the_swap(make_project, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    rename_residence(root, "Résidence Changée")
    seen: list[bool] = []
    real_rename = Path.rename

    def watched(self: Path, target: Path) -> Path:  # type: ignore[override]
        seen.append(out.is_dir() and (out / "index.html").is_file())
        result = real_rename(self, target)
        seen.append(out.is_dir() and (out / "index.html").is_file())
        return result

    monkeypatch.setattr(Path, "rename", watched)
    build_site(load_project(root), out, TODAY, jobs=1)
    assert seen and all(seen)
    assert "Résidence Changée" in (out / "test" / "index.html").read_text(encoding="utf-8")


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "f").write_text("b")
    assert output_dir.exchange(tmp_path / "a", tmp_path / "b") is True  # Linux ≥ 3.15 on ext4/xfs/btrfs/tmpfs
    assert (tmp_path / "a" / "f").read_text() == "b" and (tmp_path / "b" / "f").read_text() == "a"


def test_without_renameat2_two_renames_still_publish(make_project, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    monkeypatch.setattr(output_dir, "_RENAMEAT2", None)
    rename_residence(root, "Résidence Changée")
    build_site(load_project(root), out, TODAY, jobs=1)
    assert "Résidence Changée" in (out / "test" / "index.html").read_text(encoding="utf-8")


def test_a_full_disk_gives_one_french_message_and_keeps_the_old_site(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    with tmpfs(tmp_path / "volume", size="2600k") as volume:
        out = volume / "site"
        build_site(load_project(root), out, TODAY)
        before = tree(out)
        with open(root / "site_config.yml", "a", encoding="utf-8") as config:  # every page is rebuilt
            config.write("legal: {director: Claire Dupont}\n")
        with pytest.raises(UserError) as error:
            build_site(load_project(root), out, TODAY, jobs=1)
        assert error.value.format_message().splitlines()[0] == (
            f"{out}:1: le disque est plein : le nouveau site n'a pas pu être écrit")
        assert tree(out) == before
        assert sorted(p.name for p in volume.iterdir()) == [".site.lock", "site"]


def test_a_read_only_disk_gives_one_french_message_and_keeps_the_old_site(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    with tmpfs(tmp_path / "volume") as volume:
        out = volume / "site"
        build_site(load_project(root), out, TODAY)
        before = tree(out)
        subprocess.run(["mount", "-o", "remount,ro", str(volume)], check=True)
        rename_residence(root, "Résidence Changée")
        with pytest.raises(UserError) as error:
            build_site(load_project(root), out, TODAY, jobs=1)
        assert error.value.format_message().splitlines()[0] == (
            f"{out}:1: ce dossier est en lecture seule : impossible d'y publier le site")
        assert tree(out) == before


@pytest.mark.parametrize("refused", ["the first entry", "the microsite rebuilt", "a microsite removed"])
def test_an_entry_refused_while_a_rebuild_is_put_in_place_leaves_the_old_site_whole(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str) -> None:  # type: ignore[no-untyped-def]
    """A rebuild puts its entries in the published folder one by one: one the system refused to move (a
    microsite's folder left read-only, immutable, or a full disk's directory) stopped it half way, the
    entries before it new, those after it old (an index naming a residence as its microsite did not yet),
    while the message said « rien n'a été publié ». Those already moved are put back."""
    import errno

    from conftest import RESIDENCE

    root = make_project(test=RESIDENCE, autre=RESIDENCE.replace("Résidence Test", "Résidence Autre"),
                        zeta=RESIDENCE.replace("Résidence Test", "Résidence Zeta"))
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    before = tree(out)
    rename_residence(root, "Résidence Changée")  # on its microsite and on the index pages
    (root / "residences" / "zeta.yml").unlink()
    calls: list[str] = []
    real_replace, real_rename = output_dir.replace, Path.rename

    def refusing_replace(new: Path, target: Path, trash: Path) -> None:
        calls.append(target.name)
        if (refused, len(calls) == 1, target.name) in (("the first entry", True, target.name),
                                                       ("the microsite rebuilt", False, "test")):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        real_replace(new, target, trash)

    def refusing_rename(self: Path, target: Path) -> Path:  # type: ignore[override]
        if refused == "a microsite removed" and self.name == "zeta" and self.parent == out:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(output_dir, "replace", refusing_replace)
    monkeypatch.setattr(Path, "rename", refusing_rename)
    with pytest.raises(UserError) as error:
        build_site(load_project(root), out, TODAY, jobs=1)
    monkeypatch.undo()
    assert len(calls) > 2 or refused == "the first entry"  # an incremental rebuild: several entries exchanged
    assert error.value.format_message().splitlines()[0] == f"{out}:1: droits insuffisants pour écrire dans ce dossier ou à côté"
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.lock"]
    build_site(load_project(root), out, TODAY)
    whole = tmp_path / "whole"
    build_site(load_project(root), whole, TODAY)
    assert tree(out) == tree(whole)


def test_an_entry_refused_while_a_mount_point_is_updated_leaves_the_old_site_whole(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The same at a mount point, whose every entry is exchanged in place, the manifest (removed first) too."""
    import errno

    root = make_project()
    with tmpfs(tmp_path / "site") as out:
        build_site(load_project(root), out, TODAY)
        before = tree(out)
        with open(root / "site_config.yml", "a", encoding="utf-8") as config:  # every page is rebuilt
            config.write("legal: {director: Claire Dupont}\n")
        real_replace = output_dir.replace

        def refusing_replace(new: Path, target: Path, trash: Path) -> None:
            if target.name == "test":
                raise PermissionError(errno.EACCES, "Permission denied", str(target))
            real_replace(new, target, trash)

        monkeypatch.setattr(output_dir, "replace", refusing_replace)
        with pytest.raises(UserError):
            build_site(load_project(root), out, TODAY, jobs=1)
        monkeypatch.undo()
        assert tree(out) == before
        assert sorted(p.name for p in out.iterdir() if p.name.startswith(".residence-hub.")) == [".residence-hub.lock"]


def test_an_output_folder_that_is_a_mount_point_is_updated_in_place(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    with tmpfs(tmp_path / "site") as out:
        build_site(load_project(root), out, TODAY)
        assert os.path.ismount(out) and (out / "test" / "index.html").is_file()
        rename_residence(root, "Résidence Changée")
        with open(root / "site_config.yml", "a", encoding="utf-8") as config:  # a full rebuild, not a patch
            config.write("legal: {director: Claire Dupont}\n")
        build_site(load_project(root), out, TODAY, jobs=1)
        assert os.path.ismount(out)
        assert "Résidence Changée" in (out / "test" / "index.html").read_text(encoding="utf-8")
        assert [p.name for p in out.iterdir() if p.name.startswith(".residence-hub.")] == [".residence-hub.lock"]
        plain = tmp_path / "plain"
        build_site(load_project(root), plain, TODAY)
        assert {**tree(out), ".residence-hub.lock": b""} == {**tree(plain), ".residence-hub.lock": b""}


KILLED_AT_THE_MANIFEST = """\
import os, signal, sys
from datetime import date
from pathlib import Path
from generator.contract.project import load_project
from generator.publish.incremental import MANIFEST
from generator.publish.site import build_site

def hook(event, args):  # called before the rename is made: SIGKILL as the manifest is put in place
    if event == "os.rename" and MANIFEST in (os.path.basename(os.fsdecode(path)) for path in args[:2]):
        os.kill(os.getpid(), signal.SIGKILL)

project = load_project(Path(sys.argv[1]))
sys.addaudithook(hook)
build_site(project, Path(sys.argv[2]), date.fromisoformat(sys.argv[3]), jobs=1)
"""


def test_a_mount_point_killed_while_its_entries_are_exchanged_is_never_trusted_half_new(make_project,
                                                                                      tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """In a mount point a full rebuild (the day changed) exchanges the entries one by one, in the order of
    their names, so the new manifest went first: a build killed then (SIGKILL, a power cut) left it describing
    microsites still old, and the next build, finding nothing to do, kept the half-old site."""
    root = make_project(**{"les-pins": RESIDENCE.replace("Résidence Test", "Les Pins"),
                           "les-ormes": RESIDENCE.replace("Résidence Test", "Les Ormes")})
    with tmpfs(tmp_path / "site") as out:
        build_site(load_project(root), out, TODAY)
        killed = subprocess.run([sys.executable, "-c", KILLED_AT_THE_MANIFEST, str(root), str(out), "2026-12-03"],
                                capture_output=True, text=True, timeout=300)
        assert killed.returncode == -9, killed.stderr
        build_site(load_project(root), out, date(2026, 12, 3))
        plain = tmp_path / "plain"
        build_site(load_project(root), plain, date(2026, 12, 3))
        assert {**tree(out), ".residence-hub.lock": b""} == {**tree(plain), ".residence-hub.lock": b""}


def test_the_manifest_records_the_bytes_the_site_was_built_from(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Edited between validation and build (as ``serve`` may): the next build still rebuilds it."""
    root = make_project()
    out = tmp_path / "site"
    project = load_project(root)
    rename_residence(root, "Résidence Changée")  # after reading, before building
    build_site(project, out, TODAY)
    assert "Résidence Test" in (out / "test" / "index.html").read_text(encoding="utf-8")
    result = build_site(load_project(root), out, TODAY)
    assert result.built == 1
    assert "Résidence Changée" in (out / "test" / "index.html").read_text(encoding="utf-8")


INTERRUPTIONS = [("INT", "group"), ("TERM", "process"), ("TERM", "group"), ("HUP", "process")]
"""Ctrl-C in a terminal (SIGINT to the whole process group); ``kill``, ``timeout``, ``docker stop`` (SIGTERM to
the command); systemd stopping a service (SIGTERM to every process of it); a closed SSH session (SIGHUP)."""


def _samples_twelve_times(make_project) -> Path:  # type: ignore[no-untyped-def]
    """A project of the samples, each twelve times: a build long enough to be stopped while its workers build."""
    repo = Path(__file__).resolve().parents[3]
    root = make_project(site_config=(repo / "site_config.yml").read_text(encoding="utf-8"))
    (root / "residences" / "test.yml").unlink()
    for n in range(12):
        for sample in (repo / "residences").glob("*.yml"):
            (root / "residences" / f"r{n}-{sample.name}").write_bytes(sample.read_bytes())
    return root


def _wait_for_a_new_microsite(building: Path, run: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Until the workers of ``run`` have written a microsite of the new site into ``building`` (or it ended)."""
    import time

    deadline = time.monotonic() + 120
    while not (building.is_dir() and any(building.iterdir())) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize(("name", "to"), INTERRUPTIONS, ids=["-".join(case) for case in INTERRUPTIONS])
def test_an_interrupted_build_cleans_up_keeps_the_old_site_and_says_so(tmp_path: Path, make_project,
                                                                      name: str, to: str) -> None:  # type: ignore[no-untyped-def]
    """Killed by SIGTERM, a build left its staging folders beside the site (tens of MB; inside it for a mount
    point), its work folder in /tmp and each worker's Python traceback, and exited as killed; interrupted
    by Ctrl-C, it exited 1 as for mistakes in the data, its workers printing « Process ForkPoolWorker-1: »."""
    import signal

    root = _samples_twelve_times(make_project)
    out, temporary = tmp_path / "site", tmp_path / "tmp"
    temporary.mkdir()
    build_site(load_project(root), out, TODAY)
    before = tree(out)
    command = [str(Path(sys.executable).parent / "residence-hub"), "build", "--project", str(root), "--out", str(out),
               "--today", "2026-12-03", "--jobs", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                           env={**os.environ, "TMPDIR": str(temporary)})
    _wait_for_a_new_microsite(tmp_path / ".site.building-residences", run)  # then interrupted
    number = getattr(signal, f"SIG{name}")
    if to == "group":
        os.killpg(run.pid, number)
    else:
        run.send_signal(number)
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 128 + number, (run.returncode, stderr)
    assert stdout == "" and stderr.endswith("Interrompu.\n") and "Traceback" not in stderr, stderr
    assert "ForkPoolWorker" not in stderr, stderr
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.lock"]
    assert list(temporary.iterdir()) == []
    after = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert after.returncode == 0, after.stderr
    assert tree(out) != before and (out / "r0-les-tilleuls" / "index.html").is_file()


def test_a_build_killed_outright_takes_its_workers_with_it(tmp_path: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL (the kernel short of memory, ``kill -9``) of the main process alone: its workers lived on, built
    their residence, printed « Process ForkPoolWorker-1: » and a BrokenPipeError traceback each, and held
    the output folder's lock (inherited) meanwhile. Now they end with it; the last good site stays, and the
    next build equals a full one."""
    import signal
    import time

    root = _samples_twelve_times(make_project)
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    before = tree(out)
    command = [str(Path(sys.executable).parent / "residence-hub"), "build", "--project", str(root), "--out", str(out),
               "--today", "2026-12-03", "--jobs", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_a_new_microsite(tmp_path / ".site.building-residences", run)  # then killed
    run.kill()
    started = time.monotonic()
    stdout, stderr = run.communicate(timeout=120)  # the workers write to the same pipes: until they are gone
    assert run.returncode == -signal.SIGKILL
    assert "Traceback" not in stderr and "ForkPoolWorker" not in stderr, stderr
    assert time.monotonic() - started < 2, "the workers went on building"
    with open(output_dir.lock_path(out), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody holds it any more
    assert tree(out) == before
    after = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert after.returncode == 0, after.stderr
    whole = tmp_path / "whole"
    build_site(load_project(root), whole, date(2026, 12, 3))
    assert tree(out) == tree(whole)


def test_an_interruption_while_the_site_is_put_in_place_waits_until_it_is_whole(make_project, tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A rebuild exchanges the entries that changed one by one: SIGTERM between two of them left the index
    naming the residence anew beside its microsite of before. With another thread alive (serve's HTTP
    server; Playwright's in a test session), which a signal blocked in the main thread alone still reaches."""
    import signal
    import threading

    from conftest import RESIDENCE
    from generator import command

    root = make_project(test=RESIDENCE, autre=RESIDENCE.replace("Résidence Test", "Résidence Autre"))
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    rename_residence(root, "Résidence Changée")  # on its microsite and on the index pages
    exchanged: list[str] = []
    real_replace = output_dir.replace

    def interrupted_halfway(new: Path, target: Path, trash: Path) -> None:
        exchanged.append(target.name)
        if len(exchanged) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        real_replace(new, target, trash)

    handlers = {number: signal.getsignal(number) for number in command.INTERRUPTIONS}
    monkeypatch.setattr(command, "_RECEIVED", [])
    monkeypatch.setattr(output_dir, "replace", interrupted_halfway)
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        command._interruptible()
        with pytest.raises(KeyboardInterrupt):
            build_site(load_project(root), out, TODAY, jobs=1)
    finally:
        done.set()
        other.join()
        for number, handler in handlers.items():
            signal.signal(number, handler)
    monkeypatch.undo()
    assert len(exchanged) > 2 and "test" in exchanged  # an incremental rebuild: several entries exchanged
    whole = tmp_path / "whole"
    build_site(load_project(root), whole, TODAY)
    assert tree(out) == tree(whole)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_what_a_killed_build_left_goes_even_when_nothing_changed(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL (or a power cut) leaves a build's staging folders; a build with nothing to do returned before
    removing them, so they stayed until the data changed: tens of MB beside the site, and, when the site is a
    mount point, a half-built site published inside it at /.residence-hub.building/."""
    root = make_project()
    with tmpfs(tmp_path / "site") as out:
        build_site(load_project(root), out, TODAY)
        before = tree(out)
        (out / ".residence-hub.building" / "test").mkdir(parents=True)
        (out / ".residence-hub.building" / "test" / "index.html").write_text("à moitié")
        (out / ".residence-hub.building-residences").mkdir()
        assert build_site(load_project(root), out, TODAY).built == 0
        assert tree(out) == before
    beside = tmp_path / "beside"
    build_site(load_project(root), beside, TODAY)
    for leftover in (".beside.building", ".beside.building-residences"):
        (tmp_path / leftover / "test").mkdir(parents=True)
    assert build_site(load_project(root), beside, TODAY).built == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".beside")) == [".beside.lock"]


def test_a_mount_point_in_a_read_only_parent_is_built_and_locked_inside(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A Docker volume in a container whose own files are read-only (``docker run --read-only -v …:/site``; here a
    tmpfs in a tmpfs remounted read-only):
    the site was to be staged inside the volume, but the lock was taken beside it, in the read-only folder,
    so every build stopped at « opération refusée par le système dans ce dossier ». The lock is inside now,
    kept there across updates, and still keeps a second build out."""
    root = make_project()
    with tmpfs(tmp_path / "srv") as parent, tmpfs(parent / "site") as out:
        subprocess.run(["mount", "-o", "remount,ro", str(parent)], check=True)  # the container's read-only root
        build_site(load_project(root), out, TODAY)
        rename_residence(root, "Résidence Changée")
        build_site(load_project(root), out, TODAY, jobs=1)  # an update in place
        assert "Résidence Changée" in (out / "test" / "index.html").read_text(encoding="utf-8")
        assert output_dir.lock_path(out) == out / ".residence-hub.lock" and output_dir.lock_path(out).is_file()
        with open(output_dir.lock_path(out), "a") as held:  # another build holds the folder
            fcntl.flock(held, fcntl.LOCK_EX)
            with pytest.raises(UserError, match="un autre build écrit déjà dans ce dossier"):
                with output_dir.exclusive(out, wait=0.2):
                    pass
        assert sorted(p.name for p in parent.iterdir()) == ["site"]
