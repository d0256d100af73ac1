"""The ``residence-hub`` MkDocs plugin: what every site we build needs from MkDocs and mkdocs-material.

Registered as the entry point ``residence-hub`` (``pyproject.toml``), so both the fast builds
(``publish.microsite``) and the plain ``mkdocs build`` of the tests load it by name, with these options:

- ``share_assets`` (microsites): the theme's static files (Material's and those of our ``theme/`` folder;
  not the pages) are left out, and the ``url`` filter links them from the copy stored
  once at the site root (``root``: ``../assets/…``, ``../../assets/…`` from a language's folder). So is
  ``404.html``: hosts serve the root one for any missing page.
  Off (the index at the root): everything is kept, it is the site that stores the copies.
  Either way the ``url`` filter links our theme's stylesheets and scripts by an address with their version
  (``residence-hub.css?v=…``, ``published.version``).
- ``pages`` (fast builds only): the pages' text by file, handed to MkDocs as generated files, so that
  no page is written to ``docs_dir`` and read back (the plain build of the tests reads the same text there).
- ``language``: our theme templates (``theme/``) are translated with the same catalogs as the pages
  (``outputs.i18n``).

Always:
- each page's meta description comes from ``extra.descriptions`` (page file → plain text, made from the
  residence's data by ``outputs.pages``), HTML-escaped here since Material's template does not escape it;
- no source maps (``*.map``) anywhere;
- our pages' HTML passes through untouched: our pages are HTML written by our templates (staff's Markdown
  is converted and sanitized before, in ``outputs.sanitize``); Python-Markdown would only re-parse it,
  slowly for long pages such as the index of 1,000 residences;
- the search index is written from our pages' HTML (``publish.search_index``: plain text, one entry per
  section, the other forms of its words), not by Material's search plugin parsing each rendered page; that
  plugin stays configured (its language, separator and pipeline; the header's search box) and is told to
  skip every page;
- no ``sitemap.xml`` of its own: the build publishes one for the whole site at the root
  (``outputs.sitemap``), not one per microsite and language;
- the page template (``theme/main.html``, whole: it no longer extends Material's ``base.html``) writes the
  page finished: no indentation, external scripts deferred, ``dir`` on ``<html>``, none of Material's
  chrome we do not use; it reads Material's words from ``md`` (``publish.chrome``, once per build). The
  page's own HTML loses its indentation here (``publish.whitespace``: each run of whitespace holding a
  line break becomes one line break, outside ``pre``, ``textarea``, ``script`` and ``style``);
- Material's bundle does not fetch a ``sitemap.xml`` beside each ``<link rel="alternate">`` (the feed, the
  page in other languages): there is one sitemap, at the root (``publish.alternate_links``);
- every text we hand MkDocs (site name, nav and page titles, ``extra``, copyright) is escaped once for
  HTML, since Material's templates print it raw, and every page carries a Content-Security-Policy
  (``publish.page_security``).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import templates

from generator.outputs import i18n, published
from generator.publish.alternate_links import patch_bundles
from generator.publish.chrome import material_words, search_defaults
from generator.publish.page_security import escape_text, escape_tree, safe_striptags, with_csp
from generator.publish.search_index import Entry, index_json, page_entries, without_marks
from generator.publish.whitespace import WHITESPACE, compact

PLUGIN_NAME = "residence-hub"
SHARED_PREFIX = "../"
"""From a microsite's root (``site/<slug>/``) to the site root, where the theme assets are stored once."""

class PluginOptions(Config):
    """The plugin's options (see the module's documentation)."""

    share_assets = config_options.Type(bool, default=False)
    root = config_options.Type(str, default=SHARED_PREFIX)
    language = config_options.Type(str, default="fr")
    pages = config_options.Type(dict, default={})
    """Fast builds (``publish.microsite``): the pages themselves (file → text), instead of ``docs_dir``."""


class ResidenceHubPlugin(BasePlugin[PluginOptions]):
    """See the module's documentation; one instance per build, as MkDocs creates it."""

    def __init__(self) -> None:
        super().__init__()
        self.shared: frozenset[str] = frozenset()
        self._html: dict[str, str] = {}
        self._search: list[Entry] = []

    @event_priority(50)  # before Material's search plugin: it must find its defaults set (chrome.search_defaults)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Texts escaped once for Material's templates; no sitemap (one for the whole site,
        ``outputs.sitemap``); with ``share_assets``, no ``404.html`` of its own (the root one serves);
        the search plugin's separator and pipeline of this site's language (``chrome.search_defaults``)."""
        search = config.plugins.get("material/search")
        if search is not None and search.config.enabled:
            defaults = search_defaults(config.theme.get_env(), config.theme["language"])
            if not search.config.separator:
                search.config.separator = defaults["separator"]
            if search.config.pipeline is None:
                search.config.pipeline = defaults["pipeline"]
        for key in ("site_name", "site_description", "site_author", "copyright"):
            config[key] = escape_text(config[key])
        for key in list(config.extra):
            config.extra[key] = escape_tree(config.extra[key])
        config.theme.static_templates.discard("sitemap.xml")
        if self.config.share_assets:
            config.theme.static_templates.discard("404.html")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the ``pages`` given as an option; drop source maps and the sitemap template; with
        ``share_assets``, drop the theme's static files and note them."""
        if self.config.pages:
            generated = [File.generated(config, name, content=text) for name, text in self.config.pages.items()]
            # Where and in the order get_files would have put them: before the theme's files, as a walk sorts.
            files = Files([*sorted(generated, key=file_sort_key), *files])
        theme_dirs = {os.path.normpath(d) for d in config.theme.dirs}
        shared = set()
        for file in list(files):
            if file.src_uri.endswith(".map") or file.src_uri == "sitemap.xml":  # no longer a template: not copied
                files.remove(file)
            elif self.config.share_assets and file.src_dir and os.path.normpath(file.src_dir) in theme_dirs \
                    and not file.is_documentation_page():
                files.remove(file)
                shared.add(file.src_uri)
        self.shared = frozenset(shared)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Titles of pages, sections and links are text: escaped once, as the site name."""
        stack = list(nav.items)
        while stack:
            item = stack.pop()
            if item.title is not None:
                item.title = escape_text(item.title)
            stack.extend(getattr(item, "children", None) or [])
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A page outside the navigation gets its title here (``Markup`` is never escaped twice)."""
        if page.title is not None:
            page.title = escape_text(page.title)
        return page

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The ``url`` filter for this build (shared assets or not), our words and Material's."""
        # The environment may be shared between builds (publish.microsite): set the filters for this build.
        env.filters["url"] = _url_filter(self.shared if self.config.share_assets else frozenset(), self.config.root)
        env.filters["striptags"] = safe_striptags
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(i18n.translations(self.config.language), newstyle=True)  # type: ignore[attr-defined]
        env.globals["_"] = env.globals["gettext"] = i18n.template_gettext(self.config.language)  # the same, faster
        env.globals["_in"] = i18n.template_gettext_in()
        env.globals["md"] = material_words(env, config.theme["language"], self.config.language)
        env.globals["law_urls"] = published.LAW_URLS
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Set the page's HTML aside: Python-Markdown gets nothing to parse. Its search entries come from
        that HTML (``search_index``); Material's search plugin is told to skip the page (its documented
        ``search: exclude``), which spares parsing the rendered page again."""
        self._html[page.file.src_uri] = markdown
        search = page.meta.get("search") or {}
        if not search.get("exclude"):
            title = html.unescape(str(page.meta.get("title", page.title)))
            self._search += page_entries(page.url, title, markdown)
        page.meta["search"] = {**search, "exclude": True}
        description = (config.extra.get("descriptions") or {}).get(page.file.src_uri)
        if description and not page.meta.get("description"):
            page.meta["description"] = str(escape(description))  # Material writes it unescaped
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the page's HTML back without the search marks (``data-search-exclude``) nor its indentation
        (``whitespace``; the template writes a line break on each side of it)."""
        return compact(without_marks(self._html.pop(page.file.src_uri))).strip(WHITESPACE)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The CSP, over the final bytes of the page (``theme/main.html`` writes it finished)."""
        return with_csp(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index from the pages' entries (``search_index``), in place of the empty one of
        Material's search plugin, with its configuration (language, separator, pipeline, fields); keep
        Material's bundle from asking for a sitemap beside each alternate link (``alternate_links``)."""
        patch_bundles(Path(config.site_dir))
        search = config.plugins.get("material/search")
        if search is not None and search.config.enabled:
            options = {key: search.config[key] for key in ("lang", "separator", "pipeline", "fields")}
            index = Path(config.site_dir) / "search" / "search_index.json"
            index.parent.mkdir(parents=True, exist_ok=True)
            index.write_text(index_json(options, self._search), encoding="utf-8")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """A page rendered from a bare template (``404.html``, not ``sitemap.xml``): its text, Material's,
        is indented; then the CSP."""
        if not template_name.endswith(".html"):
            return output_content
        return with_csp(compact(output_content))


def _url_filter(shared: frozenset[str], root: str) -> Callable[..., str]:
    """MkDocs' ``url`` filter, except that a ``shared`` theme file is linked from the site root (``root``),
    and our theme's stylesheets and scripts with their version (``published.theme_versions``)."""
    versions = published.theme_versions()

    @jinja2.pass_context
    def url(context: Any, value: Any) -> str:
        text = str(value)
        return templates.url_filter(context, root + text if text in shared else text) + versions.get(text, "")

    return url
