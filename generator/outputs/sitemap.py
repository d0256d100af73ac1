"""One ``sitemap.xml`` for the whole site, at the root: every public page of the index and of every
microsite, in every language.

MkDocs would write a sitemap (and its gzip copy) per site, so one per microsite and per language: 6 files
per residence in three languages, that no search engine finds (only the root's is looked for). The staff
pages (posters, dashboard, ``robots: noindex``) and the hall screens are not listed. No ``<lastmod>``: the
build date would be all it could say, which search engines ignore.

A sitemap holds at most 50,000 addresses (sitemaps.org): above that, ``sitemap.xml`` is a sitemap index
naming ``sitemap-1.xml``, ``sitemap-2.xml``… of 50,000 addresses each.
"""

from __future__ import annotations

from functools import partial

from markupsafe import escape

from generator.contract.composed import composed
from generator.contract.inheritance import inherited
from generator.contract.project import Project, ResidenceFile
from generator.outputs import published
from generator.outputs.pages import RESIDENCE_PAGES

LIMIT = 50_000
"""Addresses per sitemap file (sitemaps.org)."""
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _root_lines(project: Project) -> list[str]:
    """The index in each language and the law pages: a function of the config."""
    config = project.config
    languages = tuple(config.languages)
    urls = [config.root_url + published.language_prefix(language, languages) for language in languages]
    urls += [config.root_url + published.page_url(page) for page in (published.ACCESSIBILITY, published.LEGAL)]
    return [_line(url) for url in urls]


def _lines(project: Project, item: ResidenceFile) -> list[str]:
    """A residence's lines: a function of its file and the config."""
    config = project.config
    languages = tuple(config.languages)
    seen = inherited(config, item.slug, item.residence)
    pages = [spec.url for spec in RESIDENCE_PAGES if spec.shown(seen, config)]
    site = config.site_url(item.slug)
    return [_line(site + published.language_prefix(language, languages) + page)
            for language in languages for page in pages]


def _line(url: str) -> str:
    return f"<url><loc>{escape(url)}</loc></url>\n"


def _urlset(lines: list[str]) -> bytes:
    return f"{_HEAD}<urlset {_NS}>\n{''.join(lines)}</urlset>\n".encode()


def files(project: Project, limit: int = LIMIT) -> dict[str, bytes]:
    """``sitemap.xml`` (and its parts above ``limit`` addresses), by path from the site root: a line per
    public page, the root's (``_root_lines``) then each residence's pages in each language (a section with
    no data, its agency's defaults included, has no page, as in ``residence_pages``). A residence's lines
    are kept between runs, with the files (``composed``): escaping 60,000 addresses took 0.1 s of every
    rebuild at 1,000 residences in three languages."""
    return composed("sitemap", project, partial(_lines, project),
                    partial(_files, _root_lines(project), project.config.root_url, limit), str(limit))


def _files(root_lines: list[str], root_url: str, limit: int, kept: list[list[str]]) -> dict[str, bytes]:
    urls = root_lines + [line for residence_lines in kept for line in residence_lines]
    if len(urls) <= limit:
        return {published.SITEMAP: _urlset(urls)}
    parts = {published.sitemap_part(n + 1): _urlset(urls[start:start + limit])
             for n, start in enumerate(range(0, len(urls), limit))}
    body = "".join(f"<sitemap><loc>{escape(root_url + name)}</loc></sitemap>\n" for name in parts)
    return {published.SITEMAP: f"{_HEAD}<sitemapindex {_NS}>\n{body}</sitemapindex>\n".encode(), **parts}
