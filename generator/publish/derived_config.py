"""MkDocs' configuration validated once per kind of site, then derived for each site of that kind.

MkDocs' ``load_config`` validates every option again for every build: it reads and parses the theme's
``mkdocs_theme.yml`` files, makes a Markdown instance to load each Markdown extension, resolves and
configures the plugins, and writes a ``repr`` of every value to its debug log (~2.3 ms CPU of the ~25 ms of
one microsite-language's MkDocs build, three builds per residence). Our sites differ only by a few options
(``SITE_OPTIONS``: name, address, description, navigation, ``extra``, folders, and the plugins, whose
options carry the pages); all the others (the theme and its language, scripts, stylesheets, Markdown
extensions, strictness) take one value per language and kind of site (microsite, index): a *kind*.

``derived_config`` validates the first configuration of each kind with MkDocs' own ``load_config``, and
keeps it, never built itself. Every configuration of that kind is then a copy of it where the site's
options are set and validated again by MkDocs' own validators of those options, in MkDocs' order: the
pre-validation step of each, then each validation, then each post-validation step. So every build gets
its own plugin instances, navigation and ``extra``, as with ``load_config``; the copies share the
validated values of the other options, which a build only reads, except the theme's set of static
templates, which our plugin's ``on_config`` changes, and the theme's options, which a plugin may set:
each copy gets its own theme object, set and options.

Where the shortcut might not give what ``load_config`` gives, ``load_config`` is used: a site option that
warns or fails (``load_config`` then logs and aborts as MkDocs does), hooks (their post-validation adds
them to the plugins), options that are not plain data. ``tests/test_derived_config.py`` checks that every
option of a derived configuration equals ``load_config``'s, for every site and language of the samples;
``tests/test_fastbuild.py`` that the pages equal a plain ``mkdocs build``'s.
"""

from __future__ import annotations

import copy
import io
import json
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig

__all__ = ["SITE_OPTIONS", "derived_config"]

SITE_OPTIONS = ("site_name", "site_url", "site_description", "nav", "extra", "docs_dir", "site_dir", "plugins")
"""The options validated for every site; none of MkDocs' validators of the other options reads them."""
_SITE_SCHEMA = [(key, option) for key, option in MkDocsConfig._schema if key in SITE_OPTIONS]
"""The site options with their MkDocs validators, in MkDocs' order."""

_VALIDATED: dict[str, MkDocsConfig] = {}
"""Kind of site (its other options, as JSON) → its configuration as ``load_config`` validated it."""


def derived_config(options: dict[str, Any]) -> MkDocsConfig:
    """The configuration ``load_config`` gives for ``options`` (see the module), validated once per kind."""
    kind = _kind(options)
    if kind is None:
        return _loaded(options)
    validated = _VALIDATED.get(kind)
    if validated is None:
        validated = _VALIDATED[kind] = _loaded(options)
    derived = _with_site_options(validated, options)
    return derived if derived is not None else _loaded(options)


def _loaded(options: dict[str, Any]) -> MkDocsConfig:
    """``load_config`` of ``options``, as a ``mkdocs.yml`` holding them would be (MkDocs' ``popitem``
    empties the plugin entries it reads: it reads copies)."""
    return load_config(io.StringIO("{}"), **{**options, "plugins": _plugin_entries(options.get("plugins"))})


def _kind(options: dict[str, Any]) -> str | None:
    """What sites of one kind share: every option but the site's own, as JSON; None if they are not
    plain data or hold hooks (see the module)."""
    if options.get("hooks"):
        return None
    try:
        return json.dumps({key: value for key, value in options.items() if key not in SITE_OPTIONS},
                          sort_keys=True)
    except (TypeError, ValueError):
        return None


def _plugin_entries(entries: Any) -> Any:
    """The plugins option, each entry a copy (MkDocs empties the one-key dicts it reads)."""
    if not isinstance(entries, list):
        return entries
    return [{name: dict(value) if isinstance(value, dict) else value for name, value in entry.items()}
            if isinstance(entry, dict) else entry for entry in entries]


def _with_site_options(validated: MkDocsConfig, options: dict[str, Any]) -> MkDocsConfig | None:
    """A copy of ``validated`` with the site options of ``options`` validated as ``load_config`` does;
    None if one of them warns or fails (``load_config`` will say it)."""
    config = copy.copy(validated)  # its own dict of options; the values are shared until replaced
    theme = copy.copy(validated.theme)
    theme.static_templates = set(theme.static_templates)  # changed by our plugin's on_config
    # Its options too (MkDocs keeps them in a private dict): a plugin setting ``config.theme[key]`` for one
    # site must not set it for every later site of the kind.
    theme._Theme__vars = dict(validated.theme._Theme__vars)  # type: ignore[attr-defined]
    config["theme"] = theme
    for key, option in _SITE_SCHEMA:
        value = options.get(key)  # load_config drops None values: the option's default applies
        config[key] = _plugin_entries(value) if value is not None else copy.deepcopy(option.default)
    try:
        for key, option in _SITE_SCHEMA:
            option.pre_validation(config, key_name=key)
        for key, option in _SITE_SCHEMA:
            config[key] = option.validate(config[key])
        for key, option in _SITE_SCHEMA:
            option.post_validation(config, key_name=key)
    except ValidationError:
        return None
    finally:
        warned = [option.warnings for _, option in _SITE_SCHEMA if option.warnings]
        for _, option in _SITE_SCHEMA:
            option.reset_warnings()
    return None if warned else config
