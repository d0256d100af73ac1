"""Shards: each residence in exactly one of N lots, built apart, merged into exactly the full site."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.contract.project import load_project
from generator.publish.shards import Shard

from test_incremental import residence, tree

TODAY = ["--today", "2026-12-02"]


@pytest.fixture
def project_dir(make_project) -> Path:  # type: ignore[no-untyped-def]
    return make_project(**{f"residence-{i}": residence(f"Résidence {i}", ["Bourg", "Belley"][i % 2])
                           for i in range(7)})


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_shards_partition_the_residences_deterministically(project_dir: Path) -> None:
    residences = load_project(project_dir).residences
    lots = [Shard(k, 3).select(residences) for k in (1, 2, 3)]
    slugs = sorted(item.slug for lot in lots for item in lot)
    assert slugs == sorted(item.slug for item in residences)
    assert lots == [Shard(k, 3).select(residences) for k in (1, 2, 3)]
    assert all(lots)  # 7 residences over 3 lots: none is empty with these names
    # A residence keeps its lot when others come and go.
    assert Shard(1, 3).select(residences[1:]) == [i for i in lots[0] if i is not residences[0]]


def test_merging_the_shards_equals_one_full_build(project_dir: Path, tmp_path: Path) -> None:
    project = ["--project", str(project_dir)]
    run("build", *project, "--out", str(tmp_path / "full"), *TODAY)
    for k in (1, 2, 3):
        run("build", *project, "--shard", f"{k}/3", "--out", str(tmp_path / f"lot-{k}"), *TODAY)
        assert not (tmp_path / f"lot-{k}" / "index.html").exists()  # the index is made by merge
    output = run("merge", *project, "--out", str(tmp_path / "merged"), *TODAY,
                 *(str(tmp_path / f"lot-{k}") for k in (1, 2, 3)))
    assert "7 résidence(s)" in output
    assert tree(tmp_path / "merged") == tree(tmp_path / "full")


def test_merge_refuses_a_missing_or_outdated_shard(project_dir: Path, tmp_path: Path) -> None:
    project = ["--project", str(project_dir)]
    for k in (1, 2):
        run("build", *project, "--shard", f"{k}/2", "--out", str(tmp_path / f"lot-{k}"), *TODAY)
    result = CliRunner().invoke(main, ["merge", *project, "--out", str(tmp_path / "merged"), *TODAY,
                                       str(tmp_path / "lot-1")])
    assert result.exit_code == 1 and "absente(s) des lots" in result.output
    result = CliRunner().invoke(main, ["merge", *project, "--out", str(tmp_path / "merged"),
                                       "--today", "2026-12-03", str(tmp_path / "lot-1"), str(tmp_path / "lot-2")])
    assert result.exit_code == 1 and "--today" in result.output
    assert not (tmp_path / "merged").exists()


@pytest.mark.parametrize("text", ["0/3", "4/3", "2", "a/b", "1/0", "", "١/٢", "１/２", "1/2\n", "1/" + "9" * 5000])
def test_bad_shard_values_are_refused_in_french(text: str) -> None:
    with pytest.raises(ValueError, match="K/N"):
        Shard.parse(text)


def test_an_empty_shard_is_refused_not_a_whole_build(tmp_path: Path) -> None:
    """« --shard "$LOT" » with the variable unset must not build every residence in each job of a matrix."""
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_path), "--shard", "", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert "Valeur invalide pour '--shard' : lot «  » incompréhensible : écrivez K/N" in result.output
    assert not (tmp_path / "o").exists()


def test_a_shard_beyond_the_count_is_a_usage_error() -> None:
    """A wrong command line exits 2 as Click's own usage errors (README), not 1 as a mistake in the data."""
    result = CliRunner().invoke(main, ["build", "--shard", "3/2"])
    assert result.exit_code == 2
    assert result.output.endswith("Erreur : Valeur invalide pour '--shard' : lot « 3/2 » incompréhensible : "
                                  "écrivez K/N avec 1 ≤ K ≤ N, par exemple --shard 2/4\n")


def test_lots_built_in_another_checkout_merge_the_same(project_dir: Path, tmp_path: Path) -> None:
    """CI jobs check the repository out in their own folders: a lot must not depend on that path."""
    import shutil

    elsewhere = tmp_path / "other-checkout"
    shutil.copytree(project_dir, elsewhere)
    run("build", "--project", str(elsewhere), "--shard", "1/2", "--out", str(tmp_path / "lot-1"), *TODAY)
    run("build", "--project", str(project_dir), "--shard", "2/2", "--out", str(tmp_path / "lot-2"), *TODAY)
    run("merge", "--project", str(project_dir), "--out", str(tmp_path / "merged"), *TODAY,
        str(tmp_path / "lot-1"), str(tmp_path / "lot-2"))
    run("build", "--project", str(elsewhere), "--out", str(tmp_path / "full"), *TODAY)
    assert tree(tmp_path / "merged") == tree(tmp_path / "full")


def test_merge_names_every_missing_lot_folder_at_once(project_dir: Path, tmp_path: Path) -> None:
    """Only the first missing folder was told: a matrix whose downloads all failed took one run per lot."""
    run("build", "--project", str(project_dir), "--shard", "1/3", "--out", str(tmp_path / "lot-1"), *TODAY)
    result = CliRunner().invoke(main, ["merge", "--project", str(project_dir), "--out", str(tmp_path / "merged"),
                                       *TODAY, *(str(tmp_path / f"lot-{k}") for k in (1, 2, 3))])
    assert result.exit_code == 1
    for k in (2, 3):
        assert f"{tmp_path}/lot-{k}:1: dossier de lot introuvable\n    → indiquez les dossiers" in result.output
    assert "2 erreurs dans 2 fichier(s)" in result.output and not (tmp_path / "merged").exists()


def test_a_lot_never_replaces_a_whole_site(project_dir: Path, tmp_path: Path) -> None:
    """« build --shard 1/2 » without --out (or with the published folder's) replaced the whole site with half
    its residences and no index: the landlord's home page and the other half of the microsites were gone."""
    project = ["--project", str(project_dir)]
    run("build", *project, *TODAY)
    whole = tree(project_dir / "site")
    result = CliRunner().invoke(main, ["build", *project, "--shard", "1/2", *TODAY])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(
        f"Erreur : {project_dir / 'site'}:1: ce dossier contient un site complet : un lot le remplacerait par une "
        "partie des résidences, sans l'index\n    → construisez le lot dans un autre dossier (--out lots/lot-1), "
        "puis assemblez les lots avec merge\n"), result.output
    assert tree(project_dir / "site") == whole
    lot = tmp_path / "lot"  # a lot may replace another lot (the number of lots changed), a site a lot
    run("build", *project, "--shard", "1/2", "--out", str(lot), *TODAY)
    run("build", *project, "--shard", "2/3", "--out", str(lot), *TODAY)
    run("build", *project, "--out", str(lot), *TODAY)
    assert tree(lot) == whole
