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


def merge_refusal(project_dir: Path, tmp_path: Path, *lots: Path, today: str = "2026-12-02") -> str:
    result = CliRunner().invoke(main, ["merge", "--project", str(project_dir), "--out", str(tmp_path / "merged"),
                                       "--today", today, *map(str, lots)])
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "merged").exists()
    return result.output


def build_lots(project_dir: Path, tmp_path: Path, count: int, today: str = "2026-12-02") -> list[Path]:
    lots = [tmp_path / "lots" / f"lot-{k}" for k in range(1, count + 1)]
    for k, lot in enumerate(lots, 1):
        run("build", "--project", str(project_dir), "--shard", f"{k}/{count}", "--out", str(lot), "--today", today)
    return lots


def slugs_of(project_dir: Path, k: int, count: int) -> str:
    return ", ".join(sorted(item.slug for item in Shard(k, count).select(load_project(project_dir).residences)))


def test_merge_names_the_lot_built_for_another_day_not_the_first_lot(project_dir: Path, tmp_path: Path) -> None:
    """The refusal was placed at the first lot given, whichever lot was out of date: the landlord's IT
    rebuilt lot 1, which was right, and merge refused again."""
    lots = build_lots(project_dir, tmp_path, 3)
    run("build", "--project", str(project_dir), "--shard", "2/3", "--out", str(lots[1]), "--today", "2026-12-03")
    output = merge_refusal(project_dir, tmp_path, *lots)
    assert output == (
        f"Erreur : {lots[1]}:1: lot construit pour le 2026-12-03, et merge assemble le site du 2026-12-02 : "
        f"{slugs_of(project_dir, 2, 3)}\n"
        "    → donnez le même --today à chaque build --shard et à merge, puis relancez ce lot et merge\n"
        "1 erreur dans 1 fichier(s) : rien n'a été publié.\n")


def test_merge_names_a_lot_built_from_other_files_or_another_version(project_dir: Path, tmp_path: Path) -> None:
    lots = build_lots(project_dir, tmp_path, 3)
    config = project_dir / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name:", "name: Autre", 1), encoding="utf-8")
    run("build", "--project", str(project_dir), "--shard", "1/3", "--out", str(lots[0]), *TODAY)
    run("build", "--project", str(project_dir), "--shard", "2/3", "--out", str(lots[1]), *TODAY)
    first = sorted(item.slug for item in Shard(3, 3).select(load_project(project_dir).residences))[0]
    with (project_dir / "residences" / f"{first}.yml").open("a", encoding="utf-8") as file:
        file.write("units: 12\n")  # lot 3 holds it as it was
    output = merge_refusal(project_dir, tmp_path, *lots)
    assert output.startswith(
        f"Erreur : {lots[2]}:1: lot construit avec d'autres données communes à toutes les résidences "
        "(site_config.yml, son logo, une autre version de residence-hub, de ses bibliothèques ou de Python, ou "
        "une machine avec une autre police des affiches) : "
        f"{slugs_of(project_dir, 3, 3)}\n"
        "    → reconstruisez ce lot avec les fichiers et l'installation de merge (build --shard 3/3), puis "
        "relancez merge (dans GitHub Actions : « Re-run all jobs »)\n"), output
    config.write_text(config.read_text(encoding="utf-8").replace("name: Autre", "name:", 1), encoding="utf-8")
    for k in (1, 2):  # lot 3 was built from this configuration, before its residence was edited
        run("build", "--project", str(project_dir), "--shard", f"{k}/3", "--out", str(lots[k - 1]), *TODAY)
    output = merge_refusal(project_dir, tmp_path, *lots)
    assert output.startswith(
        f"Erreur : {lots[2]}:1: 1 résidence(s) de ce lot construite(s) depuis une autre version de leur fichier : "
        f"{first}\n    → reconstruisez ce lot (build --shard 3/3) avec les fichiers d'aujourd'hui, puis relancez "
        "merge\n1 erreur"), output


def test_merge_names_the_lots_not_given(project_dir: Path, tmp_path: Path) -> None:
    lots = build_lots(project_dir, tmp_path, 3)
    output = merge_refusal(project_dir, tmp_path, lots[0])
    assert output == (
        f"Erreur : merge:1: {len(slugs_of(project_dir, 2, 3).split(', ')) + len(slugs_of(project_dir, 3, 3).split(', '))}"
        f" résidence(s) absente(s) des lots donnés : "
        f"{', '.join(sorted([*slugs_of(project_dir, 2, 3).split(', '), *slugs_of(project_dir, 3, 3).split(', ')]))}\n"
        "    → il manque les lots 2/3, 3/3 : construisez-les (build --shard K/N --out …) et donnez leurs dossiers à "
        "merge\n1 erreur dans 1 fichier(s) : rien n'a été publié.\n")


def test_merge_tells_a_folder_that_is_no_lot(project_dir: Path, tmp_path: Path) -> None:
    """« merge lots » (the folder of the lots, not each lot) and an empty folder (a download that failed)
    were told as residences « absente(s) des lots ou construite(s) avec d'autres données », placed at the
    first folder given, with a hint to build every lot again, which changed nothing."""
    lots = build_lots(project_dir, tmp_path, 2)
    output = merge_refusal(project_dir, tmp_path, tmp_path / "lots")
    assert output.startswith(
        f"Erreur : {tmp_path / 'lots'}:1: ce dossier n'est pas un lot (il n'a pas de "
        ".residence-hub-manifest.json valable)\n    → il contient les lots lot-1, lot-2 : donnez chacun à merge "
        f"({tmp_path / 'lots'}/lot-1 …)\n"), output
    empty = tmp_path / "empty"
    empty.mkdir()
    output = merge_refusal(project_dir, tmp_path, lots[0], empty)
    assert f"{empty}:1: ce dossier n'est pas un lot (il n'a pas de .residence-hub-manifest.json valable)\n    → " \
           "indiquez les dossiers produits par « residence-hub build --shard K/N --out … »\n" in output
    assert f"{lots[0]}:1" not in output


def test_merge_tells_lots_of_different_splits(project_dir: Path, tmp_path: Path) -> None:
    lots = [tmp_path / "lot-a", tmp_path / "lot-b"]
    run("build", "--project", str(project_dir), "--shard", "1/2", "--out", str(lots[0]), *TODAY)
    run("build", "--project", str(project_dir), "--shard", "2/3", "--out", str(lots[1]), *TODAY)
    output = merge_refusal(project_dir, tmp_path, *lots)
    assert "résidence(s) absente(s) des lots donnés : " in output
    assert "    → construisez un lot pour chaque K de 1 à N, d'un même N (build --shard K/N), et donnez-les tous à " \
           "merge ; les lots donnés, 1/2, 2/3, ne sont pas d'un même découpage\n" in output


def test_merge_tells_a_lot_whose_manifest_was_edited_by_hand(project_dir: Path, tmp_path: Path) -> None:
    """A lot's K/N and day are read from its manifest to name what is missing: one edited by hand (a number
    where the text goes) stopped merge on a bug (TypeError) instead of naming the folder."""
    import json

    lots = build_lots(project_dir, tmp_path, 2)
    manifest = lots[0] / ".residence-hub-manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "shard": 1}), encoding="utf-8")
    output = merge_refusal(project_dir, tmp_path, *lots)
    assert output.startswith(f"Erreur : {lots[0]}:1: ce dossier n'est pas un lot (il n'a pas de "
                             ".residence-hub-manifest.json valable)\n"), output
