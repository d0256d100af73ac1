"""A site's MkDocs configuration, validated once per kind of site and derived for each site
(``publish.derived_config``), is the configuration MkDocs' own ``load_config`` gives, option by option."""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import PluginCollection
from mkdocs.theme import Theme

from generator.contract.project import load_project, residence_paths
from generator.outputs.context import ResidenceContext
from generator.publish.derived_config import derived_config
from generator.publish.microsite import mkdocs_options, run_mkdocs
from generator.publish.site import index_site, residence_site

from conftest import REPO, SAMPLE_TODAY


def _comparable(value: Any) -> Any:
    """A configuration's values as plain data: each plugin as its name, class and options; the theme as
    MkDocs writes it (name, folders, static templates, variables)."""
    if isinstance(value, PluginCollection):
        return [(name, type(plugin).__qualname__, _comparable(plugin.config)) for name, plugin in value.items()]
    if isinstance(value, Theme):
        return repr(value)
    if isinstance(value, Mapping):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_comparable(item) for item in value]
    return value


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], list[Any]]]:
    """The MkDocs configuration and pages of every microsite and index of the samples, in three languages."""
    root = tmp_path_factory.mktemp("three-languages")
    (root / "residences").mkdir()
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(config + "languages: [fr, en, ar]\n", encoding="utf-8")
    for path in residence_paths(REPO):
        (root / "residences" / path.name).write_bytes(path.read_bytes())
    project = load_project(root)
    found = []
    for language in project.config.languages:
        found.append(index_site(project, SAMPLE_TODAY, language))
        for item in project.residences:
            found.append(residence_site(ResidenceContext.of(project, item, SAMPLE_TODAY, language)))
    return found


def test_every_site_configuration_equals_mkdocs_load_config(sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    docs.mkdir()
    # A site of each kind built first: what a build changes in the shared values must not show.
    for config, pages in sites:
        run_mkdocs(config, pages, docs, tmp_path / "built")
    for config, pages in sites:
        options = mkdocs_options(config, pages, docs, tmp_path / "site")
        derived = derived_config(options)
        plain = load_config(io.StringIO("{}"), **copy.deepcopy(options))  # MkDocs empties plugin entries
        assert _comparable(derived) == _comparable(plain), config["site_url"]


def test_a_derived_configuration_shares_only_what_builds_do_not_change(sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (config, pages), (other, other_pages) = sites[1], sites[2]  # two microsites of the same language
    first = derived_config(mkdocs_options(config, pages, REPO / "docs", tmp_path / "a"))
    second = derived_config(mkdocs_options(other, other_pages, REPO / "docs", tmp_path / "b"))
    assert first["markdown_extensions"] is second["markdown_extensions"]  # validated once, not again
    assert first.plugins is not second.plugins
    assert first.plugins["residence-hub"] is not second.plugins["residence-hub"]
    assert first.theme is not second.theme and first.theme.static_templates is not second.theme.static_templates
    assert first.extra is not second.extra and first.site_name != second.site_name
    first.theme["set_by_a_plugin"] = True  # a theme option one build sets is not seen by the next
    assert "set_by_a_plugin" not in second.theme
    assert "set_by_a_plugin" not in derived_config(mkdocs_options(other, other_pages, REPO / "docs", tmp_path / "c")).theme


def test_an_invalid_site_option_fails_as_in_load_config(sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config, pages = sites[1]
    derived_config(mkdocs_options(config, pages, REPO / "docs", tmp_path / "site"))  # its kind is known
    with pytest.raises(Abort, match="configuration error"):
        derived_config(mkdocs_options({**config, "nav": "pas une liste"}, pages, REPO / "docs", tmp_path / "site"))
    with pytest.raises(Abort, match="configuration error"):
        derived_config(mkdocs_options(config, pages, tmp_path / "absent", tmp_path / "site"))
