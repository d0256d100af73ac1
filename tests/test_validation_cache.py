"""Residences validated by an earlier run are reused only while nothing their validation read has changed."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.contract.validation_cache import ValidatedStore

from generator.user_cache import cache_dir
from generator.errors import UserError
from generator.contract.project import load_project

from conftest import RESIDENCE, SITE_CONFIG


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(folder))
    return folder


def stored_entries(cache: Path) -> dict[str, bytes]:
    (store,) = (cache / "validated").iterdir()
    return pickle.loads(store.read_bytes())


def test_a_second_run_takes_every_residence_from_the_cache_unchanged(make_project, cache: Path) -> None:
    root = make_project(test=RESIDENCE, autre=RESIDENCE.replace("Test", "Autre"))
    first = load_project(root)
    entries = stored_entries(cache)
    assert len(entries) == 2
    second = load_project(root)
    assert second == first
    assert stored_entries(cache) == entries


def test_an_edited_file_is_validated_again(make_project) -> None:
    root = make_project()
    load_project(root)
    (root / "residences" / "test.yml").write_text(RESIDENCE + "phone: 8:30\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_project(root)
    assert "residences/test.yml:4" in str(error.value)


def test_a_config_change_validates_residences_again(make_project) -> None:
    root = make_project()
    load_project(root)
    (root / "site_config.yml").write_text(SITE_CONFIG.replace("  nord: {name: Agence Nord, phone: 01 49 33 10 10, "
                                                              "email: nord@example.org}\n", ""), encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_project(root)
    assert "residences/test.yml:3: agence « nord » inconnue" in str(error.value)


def test_invalid_files_are_never_stored(make_project, cache: Path) -> None:
    root = make_project(test=RESIDENCE, broken=RESIDENCE + "colour: blue\n")
    for _ in range(2):
        with pytest.raises(UserError, match="broken.yml:4: clé inconnue « colour »"):
            load_project(root)
    assert len(stored_entries(cache)) == 1


def test_a_damaged_cache_file_is_ignored(make_project, cache: Path) -> None:
    root = make_project()
    expected = load_project(root)
    (store,) = (cache / "validated").iterdir()
    for damage in (b"not a pickle", b"\x80\x04cnosuchmod\nx\n."):  # the second names a module that is not there
        store.write_bytes(damage)
        assert load_project(root) == expected
    entries = stored_entries(cache)
    entries = {key: b"garbage" for key in entries}
    store.write_bytes(pickle.dumps(entries))
    assert load_project(root) == expected


def test_entries_depend_on_the_file_name_content_and_context(make_project, tmp_path: Path) -> None:
    [item] = load_project(make_project()).residences
    store = ValidatedStore(tmp_path, "config")
    keys = {store.key("a.yml", "x"), store.key("b.yml", "x"), store.key("a.yml", "y"),
            ValidatedStore(tmp_path, "other config").key("a.yml", "x")}
    assert len(keys) == 4
    store.put(item)
    store.save()
    again = ValidatedStore(tmp_path, "config")
    assert again.validated(item.path.name, item.digest) == item.validated
    assert again.validated(item.path.name, item.digest).value[1] == item.lines  # the line map travels with it
    assert again.validated(item.path.name, "other bytes") is None
    assert ValidatedStore(tmp_path, "other config").validated(item.path.name, item.digest) is None


def from_cache(root: Path) -> list[bool]:
    """For each residence of a new run, whether it came from the cache (still pickled) or was validated."""
    return [not item.validated.loaded for item in load_project(root).residences]


def test_a_run_that_validated_one_file_appends_it_instead_of_writing_the_store_again(make_project,
                                                                                     cache: Path) -> None:
    root = make_project(**{f"r{i}": RESIDENCE.replace("Test", f"Numéro {i}") for i in range(10)})
    load_project(root)
    (store,) = (cache / "validated").iterdir()
    whole = store.read_bytes()
    edited = root / "residences" / "r3.yml"
    edited.write_text(RESIDENCE.replace("Test", "Trois"), encoding="utf-8")
    assert from_cache(root) == [True] * 3 + [False] + [True] * 6
    grown = store.read_bytes()
    assert grown.startswith(whole) and len(grown) - len(whole) < len(whole) / 5  # one entry appended
    assert from_cache(root) == [True] * 10 and store.read_bytes() == grown  # nothing new: not written
    edited.write_text(RESIDENCE.replace("Test", "Numéro 3"), encoding="utf-8")  # back as it was
    assert from_cache(root) == [True] * 3 + [False] + [True] * 6  # the first version was dropped
    assert from_cache(root) == [True] * 10
    assert len(stored_entries(cache)) == 10 and len(ValidatedStore(root, load_project(root).config_digest)._old) == 10


def test_the_store_is_written_whole_after_many_appends_or_a_damaged_one(make_project, cache: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.contract import validation_cache

    monkeypatch.setattr(validation_cache, "REWRITE_AFTER", 2)
    root = make_project(**{f"r{i}": RESIDENCE.replace("Test", f"Numéro {i}") for i in range(10)})
    load_project(root)
    (store,) = (cache / "validated").iterdir()
    sizes = []
    for i in range(3):
        (root / "residences" / "r0.yml").write_text(RESIDENCE.replace("Test", f"Édition {i}"), encoding="utf-8")
        load_project(root)
        sizes.append(len(store.read_bytes()))
    assert sizes[0] < sizes[1] and sizes[2] < sizes[1]  # two appended, then written whole
    assert len(pickle.loads(store.read_bytes())) == 10 and from_cache(root) == [True] * 10
    (root / "residences" / "r1.yml").write_text(RESIDENCE.replace("Test", "Un"), encoding="utf-8")
    load_project(root)  # appended
    store.write_bytes(store.read_bytes()[:-3])
    assert from_cache(root) == [True, False] + [True] * 8  # the cut record is lost, the rest is read
    assert store.read_bytes() == pickle.dumps(pickle.loads(store.read_bytes()), protocol=pickle.HIGHEST_PROTOCOL)
    (root / "residences" / "r1.yml").write_text(RESIDENCE.replace("Test", "Un bis"), encoding="utf-8")
    load_project(root)  # appended
    store.write_bytes(store.read_bytes() + b"\0\0\0\0\0\0\0\x05xyzab")  # then garbage
    assert from_cache(root) == [True] * 10
    assert store.read_bytes() == pickle.dumps(pickle.loads(store.read_bytes()), protocol=pickle.HIGHEST_PROTOCOL)
    assert from_cache(root) == [True] * 10  # written whole again, nothing lost


def test_residences_are_validated_when_the_store_can_be_neither_read_nor_written(make_project, cache: Path) -> None:
    root = make_project(test=RESIDENCE, autre=RESIDENCE.replace("Test", "Autre"))
    expected = load_project(root)
    (store,) = (cache / "validated").iterdir()
    store.unlink()
    store.mkdir()  # a folder where the file goes (even root can neither read nor replace it)
    assert load_project(root) == load_project(root) == expected
    assert from_cache(root) == [False, False] and store.is_dir()


def test_residences_from_the_cache_stay_pickled_until_used(make_project) -> None:
    root = make_project(test=RESIDENCE, autre=RESIDENCE.replace("Test", "Autre"))
    load_project(root)
    first, second = load_project(root).residences
    assert not first.validated.loaded and not second.validated.loaded
    assert second.residence.name == "Résidence Test"
    assert not first.validated.loaded and second.validated.loaded


def test_off_disables_it_and_a_folder_others_can_write_is_not_used(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    assert cache_dir("validated") is None
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(shared))
    assert cache_dir("validated") is None
    shared.chmod(0o700)
    assert cache_dir("validated") == shared / "validated"


def test_files_only_our_code_shapes_are_made_once_per_code_version(cache: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The home-screen icons (Pillow) and the data schema: made by the first command, read by the next;
    another version of our code or of a library makes them again and drops the old ones."""
    from generator import user_cache
    from generator.outputs import offline

    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"\x89PNG"

    assert user_cache.made_once("icone.png", make) == user_cache.made_once("icone.png", make) == b"\x89PNG"
    assert made == [1]
    monkeypatch.setattr(user_cache, "code_fingerprint", lambda: "another version of the code" * 2)
    assert user_cache.made_once("icone.png", make) == b"\x89PNG" and made == [1, 1]
    assert len(list((cache / "made").iterdir())) == 2  # another checkout may still use the first one today
    for entry in (cache / "made").iterdir():
        os.utime(entry, (entry.stat().st_atime, entry.stat().st_mtime - 2 * user_cache.DAY))
    monkeypatch.setattr(user_cache, "code_fingerprint", lambda: "a third version of the code" * 2)
    user_cache.made_once("icone.png", make)
    assert len(list((cache / "made").iterdir())) == 1  # older than a day: removed
    assert offline.root_files() == {name: offline.icon(size) for size, name in offline.published.ICONS.items()}
    assert offline.root_files() == {name: offline.icon(size) for size, name in offline.published.ICONS.items()}


def test_a_file_made_once_with_a_byte_changed_is_made_again_not_served(cache: Path) -> None:
    """A compiled catalog with « Hot water » turned into « Hot wbter » was published as it was."""
    from generator import user_cache

    assert user_cache.made_once("en.mo", lambda: b"Hot water") == b"Hot water"
    (entry,) = (cache / "made").iterdir()
    entry.write_bytes(entry.read_bytes().replace(b"water", b"wbter"))
    assert user_cache.made_once("en.mo", lambda: b"Hot water") == b"Hot water"
    assert user_cache.made_once("en.mo", lambda: b"made again") == b"Hot water"  # written anew, sealed


def test_a_compiled_template_with_a_byte_changed_is_compiled_again(cache: Path) -> None:
    """Jinja checks a cached template against its source, not its own code: a changed byte in a name
    or a text of the code gave another page, or an error of ours."""
    import jinja2

    from generator.user_cache import jinja_bytecode_cache

    def render() -> str:
        loader = jinja2.DictLoader({"page.html": "{{ res.address }} : Bonjour"})
        env = jinja2.Environment(loader=loader, bytecode_cache=jinja_bytecode_cache("jinja-test"))
        return env.get_template("page.html").render(res={"address": "1 rue"})

    assert render() == "1 rue : Bonjour"
    (entry,) = (path for path in (cache / "jinja-test").rglob("*") if path.is_file())
    entry.write_bytes(entry.read_bytes().replace(b"address", b"adxress").replace(b"Bonjour", b"Bonsoir"))
    assert render() == "1 rue : Bonjour"


def test_templates_compiled_by_another_version_of_the_code_are_compiled_again(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja keys a compiled template by its name and source only, but how it compiles (``trim_blocks``,
    autoescaping, extensions) is set by our code and MkDocs': after an upgrade that changed them, the old
    code was still served."""
    import jinja2

    from generator import user_cache

    def render(**settings: bool) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{% if x %}\nA{% endif %}"}),
                                 bytecode_cache=user_cache.jinja_bytecode_cache("jinja-test"), **settings)
        return env.get_template("page.html").render(x=1)

    assert render(trim_blocks=True) == "A"
    monkeypatch.setattr(user_cache, "code_fingerprint", lambda: "another version of the code" * 2)
    assert render() == "\nA"


def test_warnings_kept_with_a_byte_changed_are_made_again(make_project, cache: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from generator.contract.warnings import residences_warnings

    root = make_project(test=RESIDENCE + "notices:\n  - {title: Ancien avis, from: 2026-01-01, until: 2026-01-02}\n")
    first = residences_warnings(load_project(root), date(2026, 12, 2))
    assert "Ancien avis" in str(first)
    (store,) = (cache / "warnings").iterdir()
    store.write_bytes(store.read_bytes().replace("Ancien avis".encode(), "Autre avis!".encode()))
    assert residences_warnings(load_project(root), date(2026, 12, 2)) == first


# --- site_config.yml ----------------------------------------------------------------------------------

LOGO_CONFIG = SITE_CONFIG.replace("landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}",
                                  "landlord:\n  name: Habitat Test\n  logo: logo.png\n")
SHARED_NOTICE = "notices:\n  - {title: Travaux, from: 2026-11-15, until: 2026-12-15, residences: [autre]}\n"


def config_entries(cache: Path) -> dict[str, bytes]:
    (store,) = (cache / "config").iterdir()
    return pickle.loads(store.read_bytes())


def fresh(root: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The project validated from scratch, with every cache off."""
    with monkeypatch.context() as patch:
        patch.setenv("RESIDENCE_HUB_CACHE", "off")
        return load_project(root)


def test_the_config_validated_once_is_reused_equal_to_a_fresh_validation(make_project, cache: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n")
    first = load_project(root)
    (store,) = (cache / "config").iterdir()
    written = store.stat().st_mtime_ns, store.read_bytes()
    second = load_project(root)
    expected = fresh(root, monkeypatch)
    assert second.config == first.config == expected.config
    assert second.config_lines == first.config_lines == expected.config_lines  # warnings name these lines
    assert second.config_digest == expected.config_digest
    assert (store.stat().st_mtime_ns, store.read_bytes()) == written  # read, not written again


def test_the_config_is_taken_from_the_cache_not_parsed_again(make_project, cache: Path) -> None:
    """An entry stored under the file's bytes is what the next run gets (here one we sealed by hand)."""
    root = make_project()
    load_project(root)
    (store,) = (cache / "config").iterdir()
    [(key, entry)] = config_entries(cache).items()
    config, lines, logo = pickle.loads(entry[32:])
    renamed = config.model_copy(update={"base_url": "https://ailleurs.example.org/"})
    data = pickle.dumps((renamed, lines, logo))
    store.write_bytes(pickle.dumps({key: hashlib.sha256(data).digest() + data}))
    assert load_project(root).config.base_url == "https://ailleurs.example.org/"
    store.write_bytes(pickle.dumps({key: b"\0" * 32 + data}))  # damaged: validated again
    assert load_project(root).config.base_url == "https://residences.example.org/"


def test_an_edited_config_is_validated_again_and_its_errors_keep_their_line(make_project, cache: Path) -> None:
    root = make_project()
    load_project(root)
    (root / "site_config.yml").write_text(SITE_CONFIG + "colour: blue\n", encoding="utf-8")
    for _ in range(2):  # a config with an error is never kept: the second run finds it again
        with pytest.raises(UserError, match="site_config.yml:10: clé inconnue « colour »"):
            load_project(root)
    assert len(config_entries(cache)) == 1
    (root / "site_config.yml").write_text(SITE_CONFIG.replace("Habitat Test", "Habitat Neuf"), encoding="utf-8")
    assert load_project(root).config.landlord.name == "Habitat Neuf"


def test_problems_found_later_name_the_line_of_a_cached_config(make_project) -> None:
    root = make_project(site_config=SITE_CONFIG + SHARED_NOTICE)
    for _ in range(2):  # the config itself is valid, kept after the first run
        with pytest.raises(UserError, match="site_config.yml:11: résidence « autre » inconnue"):
            load_project(root)


def test_the_logo_is_checked_again_by_every_run_and_decoded_again_when_it_changed(make_project) -> None:
    root = make_project(site_config=LOGO_CONFIG)
    Image.new("RGB", (300, 100), "navy").save(root / "logo.png")
    good = (root / "logo.png").read_bytes()
    assert load_project(root).config.landlord.logo == "logo.png"
    for damaged, problem in ((good[:-200], "image illisible"), (None, "introuvable")):
        (root / "logo.png").unlink()
        if damaged is not None:
            (root / "logo.png").write_bytes(damaged)
        with pytest.raises(UserError, match=f"site_config.yml:3: logo « logo.png » : {problem}"):
            load_project(root)
    (root / "logo.png").symlink_to(root / "residences" / "test.yml")
    with pytest.raises(UserError, match="site_config.yml:3: logo « logo.png » : lien symbolique non accepté"):
        load_project(root)
    (root / "logo.png").unlink()
    (root / "logo.png").write_bytes(good)
    assert load_project(root).config.landlord.logo == "logo.png"


def test_the_config_is_validated_when_the_cache_is_off_unwritable_or_damaged(make_project, cache: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project()
    expected = fresh(root, monkeypatch)
    assert not (cache / "config").exists()
    load_project(root)
    (store,) = (cache / "config").iterdir()
    store.unlink()
    store.mkdir()  # where the store goes, a folder: it can be neither read nor replaced (even by root)
    assert load_project(root).config == load_project(root).config == expected.config
    assert list((cache / "config").iterdir()) == [store] and store.is_dir()
    store.rmdir()
    load_project(root)
    for damage in (b"not a pickle", b"\x80\x04cnosuchmod\nx\n.", pickle.dumps(["a list"]),
                   pickle.dumps({k: b"x" for k in config_entries(cache)})):
        store.write_bytes(damage)
        assert load_project(root).config == expected.config


def test_the_libraries_versions_in_the_code_fingerprint_are_those_importlib_reads() -> None:
    """``version_of`` reads the ``Version:`` line alone; for every library the caches depend on it gives
    what ``importlib.metadata`` gives after parsing the whole file, and an unknown one is still refused."""
    from importlib import metadata

    from generator.user_cache import VERSIONED, version_of

    for name in VERSIONED:
        assert version_of(name) == metadata.version(name), name
    with pytest.raises(metadata.PackageNotFoundError):
        version_of("no-such-library-here")
