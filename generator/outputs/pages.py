"""Residence → Markdown pages for MkDocs, through Jinja templates in ``generator/templates``.

Page bodies are HTML blocks inside the ``.md`` files, passed through by Python-Markdown untouched: staff
values are escaped by Jinja's autoescape, their Markdown fields rendered and sanitized by ``sanitize.py``.
Our words are French ``msgid`` translated by ``i18n`` (``_()``, ``{% trans %}``); one environment a language.

Every staff value printed by ``{{ … }}`` goes through ``mark`` (the environment's ``finalize``, and the
``t`` filter where a value goes into a translated sentence): a value in another language than the page
(a fallback to the default text) carries ``lang``, one whose script runs the other way carries ``dir``. An
attribute cannot hold that span (its quotes would end it): there a value goes through ``plain``, its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import jinja2
from markupsafe import Markup, escape

from generator.contract.characters import Order, in_lists
from generator.contract.composed import composed
from generator.contract.languages import LocalText, direction, in_one_language
from generator.contract.model import Absence, Address, Agency, Notice, Outage, Residence, SiteConfig, Slot
from generator.contract.project import Project, ResidenceFile
from generator.outputs import anchors, calendar, closed_days, i18n, linked_data, presence, published, wording
from generator.outputs.context import ResidenceContext
from generator.outputs.i18n import N_
from generator.outputs.notices import LEVEL_LABELS, current_notices, upcoming_notices
from generator.outputs.opendata import shown_outages
from generator.outputs.published import DownloadLinks, download_links, page_url, poster_paths
from generator.outputs.sanitize import markdown_to_html
from generator.outputs.script_words import words_address
from generator.outputs.wording import (
    FIBRE_SENTENCE,
    OUTAGE_STATUS,
    begins_with_word,
    caretaker_title,
    email_link,
    names_all,
    phone_link,
)
from generator.user_cache import digest, jinja_bytecode_cache

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One page of a microsite: its file under ``docs/``, its title in the navigation, its Markdown."""

    file: str
    title: str
    markdown: str
    in_nav: bool = True
    """False for pages built but left out of the menu (the staff page of posters)."""
    description: str = ""
    """The page's meta description (search engines' snippet), made from the data; plain text."""
    markdown_digest: str = field(default="", compare=False)
    """``user_cache.digest`` of ``markdown``, where it was kept with it (``composed``): the pages listing
    every residence are not hashed again for ``publish.incremental.inputs_key`` (5 MB at 1,000)."""


@dataclass(frozen=True)
class PageSpec:
    """One page a microsite may have: its source file, navigation title, template and home-page link."""

    file: str
    title: str
    """French ``msgid``; ``%(title)s`` is the caretaker's title."""
    template: str
    link: str | None
    """Its label in the home page's quick links (None: not listed there)."""
    shown: Callable[[Residence, SiteConfig], bool]
    """Whether the residence has anything to put on it: a section with no data gets no page."""

    @property
    def url(self) -> str:
        """The page's address relative to the microsite's root."""
        return page_url(self.file)


def _always(_residence: Residence, _config: SiteConfig) -> bool:
    return True


RESIDENCE_PAGES = (
    PageSpec(published.HOME, N_("Accueil"), "home.md.j2", None, _always),
    PageSpec(published.CONTACTS, N_("Contacts"), "contacts.md.j2", N_("Contacts et numéros d'urgence"), _always),
    PageSpec(published.CARETAKER, N_("Votre %(title)s"), "caretaker.md.j2", None, lambda r, _: r.caretaker is not None),
    PageSpec(published.MAINTENANCE, N_("Qui appeler en cas de panne\u00a0?"), "maintenance.md.j2",
             N_("Qui appeler en cas de panne\u00a0?"), lambda r, _: bool(r.maintenance)),
    PageSpec(published.SERVICES, N_("Services"), "services.md.j2", N_("Services de la résidence"),
             lambda r, _: bool(r.services)),
    PageSpec(published.WASTE, N_("Déchets"), "waste.md.j2", N_("Jours de collecte des déchets"),
             lambda r, _: bool(r.waste)),
    PageSpec(published.FIBRE, N_("Fibre"), "fibre.md.j2", N_("Internet par la fibre"),
             lambda r, _: r.fibre is not None),
    PageSpec(published.FAQ, N_("Questions fréquentes"), "faq.md.j2", N_("Questions fréquentes"),
             lambda r, c: bool(r.faq or c.faq)),
)
"""The pages of a microsite, in the navigation's order."""


def mark(value: object, language: str) -> object:
    """A staff value as it goes on a page of ``language``: wrapped in ``<span lang dir>`` when its
    language or its script's direction differs from the page's (see ``i18n.marking``)."""
    if not isinstance(value, LocalText):
        return value
    span = _span(str(value), value.language, language)
    return value if span is None else span


@lru_cache(maxsize=4096)
def _span(text: str, text_language: str, language: str) -> Markup | None:
    """``mark``'s span, None when the text needs none; kept: a page prints the same names many times
    (the residence's, the caretaker's, the agency's on every page), and ~200 values a microsite."""
    attributes = i18n.marking(text_language, text, language)
    return Markup(f"<span{_attributes(attributes)}>{escape(text)}</span>") if attributes else None


def _attributes(attributes: dict[str, str]) -> Markup:
    """` lang="fr" dir="ltr"`, escaped. Built with ``escape`` and an f-string, as ``mark``'s span: with
    ``Markup.format`` (Python's string formatter, per value marked: every name and text on a page in
    another language than its own) our pages' text took 30 % longer to make, the same bytes."""
    return Markup("".join(f' {escape(name)}="{escape(value)}"' for name, value in sorted(attributes.items())))


def _markdown(value: object, language: str, under: int = 2) -> Markup:
    """A Markdown field rendered and sanitized (headings below the page's « h``under`` »); in a ``<div lang
    dir>`` when it needs marking, with a discreet note when it is the default-language text on another's."""
    if not isinstance(value, LocalText):
        return markdown_to_html(str(value), under)
    return _marked_html(str(value), value.language, language, under)


@lru_cache(maxsize=4096)
def _marked_html(text: str, text_language: str, language: str, under: int) -> Markup:
    """``_markdown`` of a text in ``text_language``; kept as ``_span`` (landlord-wide FAQ answers repeat on
    every residence)."""
    html = markdown_to_html(text, under)
    attributes = i18n.marking(text_language, text, language)
    if not attributes:
        return html
    note = Markup("")
    if text_language != language:
        _ = i18n.gettext(language)
        name = i18n.language_in_sentence(text_language, language)
        said = _("(en %(language)s)") % {"language": name}
        note = Markup(f'<p class="rh-untranslated">{escape(said)}</p>')
    return Markup(f"<div{_attributes(attributes)}>{html}</div>{note}")


JSON_POLICY = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
"""``tojson`` in our pages writes letters as themselves: « العربية » in 12 bytes, not 36 as ``\\u0627…``
(the page's JSON blocks are UTF-8 like the page), and no space after ``,`` and ``:`` (read by scripts,
not people). Jinja still escapes ``<``, ``>``, ``&`` and ``'``."""


@lru_cache(maxsize=None)
def environment(language: str = "fr") -> jinja2.Environment:
    """One environment per process and language: compiled templates are reused for every residence."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=jinja_bytecode_cache("jinja-pages"),
        auto_reload=False,  # our package's templates do not change while it runs: no stat per page
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, extensions=["jinja2.ext.i18n"],
        finalize=lambda value: mark(value, language),
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = i18n.template_gettext(language)
    env.policies["json.dumps_kwargs"] = JSON_POLICY
    env.filters.update(
        md=lambda value, under=2: _markdown(value, language, under), t=lambda value: mark(value, language),
        phone=phone_link, email=email_link, time=lambda value: i18n.clock(value, language), plain=str, escape=escape,
        date=lambda value, with_year=False, today=None: i18n.long_date(value, language, with_year, today),
        days=lambda value: i18n.days_text(value, language), elided=lambda text: i18n.elided(text, language),
        listed=lambda items: Markup(i18n.list_text([escape(item) for item in items], language)),
        day_name=lambda code: i18n.day_name(code, language), capitalized=lambda text: i18n.capitalized(text, language))
    env.globals.update(time_range=lambda open_, close: i18n.time_range(open_, close, language),
                       level_labels=LEVEL_LABELS, fibre_sentence=FIBRE_SENTENCE, page_language=language,
                       outage_status=OUTAGE_STATUS, begins_with_word=begins_with_word, names_all=names_all,
                       page_direction=direction(language), away_until=presence.away_until,
                       next_label=lambda caretaker: presence.next_label(caretaker, language=language))
    return env


def compile_templates(languages: Sequence[str]) -> None:
    """Load every template of every language's environment now: a build calls this before it forks its
    workers, which then inherit them compiled instead of each compiling them again (~0.1 s per language)."""
    for language in languages:
        env = environment(language)
        for name in env.list_templates():
            env.get_template(name)


@dataclass(frozen=True)
class ResidencePageData:
    """What the templates of a microsite's pages read (each field is a template variable)."""

    config: SiteConfig
    r: Residence
    slug: str
    today: date
    agency: Agency
    current_notices: list[Notice]
    upcoming_notices: list[Notice]
    outages: list[Outage]
    """Outages shown today (« Pannes en cours »): not yet repaired first, repaired ones for a week."""
    anchor: Callable[[object], str]
    """A notice's, outage's or outage update's anchor on the home page (``anchors``), as the feed links it."""
    absence: Absence | None
    absences: list[Absence]
    next_presence: presence.Presence | None
    week: list[tuple[str, list[Slot]]]
    holidays_close: bool
    """Whether public holidays close the caretaker's office (the weekly table's note says so)."""
    closed_soon: list[closed_days.ClosedDay]
    """Closed days of the coming weeks on which the caretaker would have been there, with why."""
    downloads: DownloadLinks
    calendar_holds: str
    """What the calendar file has in it, in words (« gardien, collectes et avis »); empty: no link to it."""
    quick_links: list[tuple[str, Markup]]
    """(address, label) of the pages listed on the home page; labels are our own HTML text."""
    caretaker_url: str
    caretaker_title: wording.CaretakerTitle
    """« gardien » by default, else ``caretaker.title`` in the page's language; ``.heading``: « Votre … »."""
    structured_data: Markup
    """The home page's schema.org JSON-LD script element (``linked_data``)."""

    def variables(self) -> dict[str, object]:
        """The fields as the templates' variables, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def residence_pages(ctx: ResidenceContext) -> list[Page]:
    """Every page of one microsite; a section with no data gets no page.

    Rendered once per microsite and language by the build, which hands the same list to MkDocs and to the
    service worker's digest (``registry.residence_files``): no second rendering, and no cache to go stale.
    """
    shown = [spec for spec in RESIDENCE_PAGES if spec.shown(ctx.residence, ctx.config)]
    data = page_data(ctx, shown)
    variables, env = data.variables(), environment(ctx.lang)
    _ = i18n.gettext(ctx.lang)
    place = i18n.place_line(ctx.residence.name, ctx.residence.address.one_line, ctx.lang)
    pages = []
    for spec in shown:
        title = data.caretaker_title.heading if "%(" in spec.title else _(spec.title)  # « Votre %(title)s »
        up = "../" * page_url(spec.file).count("/")  # from the page to its language's folder
        pages.append(Page(spec.file, title,
                          env.get_template(spec.template).render(
                              variables, title=title, page_file=spec.file,
                              words_src=up + ctx.to_root + words_address(ctx.lang),
                              hours_src=up + published.HOURS_SCRIPT),
                          description=f"{place} · {title}"))
    return pages


def page_data(ctx: ResidenceContext, shown: list[PageSpec]) -> ResidencePageData:
    """What the templates of the pages in ``shown`` need, worked out once for the residence."""
    residence, today, language = ctx.residence, ctx.today, ctx.lang
    caretaker = residence.caretaker
    now = datetime.combine(today, time(0, 0), tzinfo=presence.PARIS)
    _ = i18n.gettext(language)
    closed = closed_days.of_residence(ctx)
    dates = {c.day for c in closed}
    outages = shown_outages(residence, today)
    ids = anchors.of_residence(ctx)
    return ResidencePageData(
        config=ctx.config,
        r=residence,
        slug=ctx.slug,
        today=today,
        agency=ctx.agency,
        current_notices=current_notices(residence.notices, today),
        upcoming_notices=upcoming_notices(residence.notices, today),
        outages=outages,
        anchor=lambda item: ids[id(item)],
        absence=caretaker.absence_on(today) if caretaker else None,
        absences=presence.upcoming_absences(caretaker, today) if caretaker else [],
        next_presence=presence.next_presence(caretaker, now, closed=dates) if caretaker else None,
        week=presence.weekly_table(caretaker) if caretaker else [],
        holidays_close=closed_days.holidays_close(ctx.config, caretaker) if caretaker else False,
        closed_soon=closed_days.instead_of_openings(closed, caretaker, today) if caretaker else [],
        downloads=download_links(ctx.url, caretaker is not None),
        calendar_holds=calendar_words(calendar.holds(residence, today), caretaker_title(ctx), language),
        quick_links=[(spec.url, Markup(_(spec.link))) for spec in shown if spec.link],
        caretaker_url=page_url(published.CARETAKER),
        caretaker_title=caretaker_title(ctx),
        structured_data=linked_data.script_element(linked_data.structured_data(ctx)),
    )


CALENDAR_WORDS = (N_("collectes"), N_("avis"))
"""How the home page names the calendar's collection days and notices; the caretaker by their title."""


def calendar_words(holds: calendar.Holds, title: str, language: str) -> str:
    """« gardien, collectes et avis », only what the calendar holds (« collectes » only with collection days)."""
    _ = i18n.gettext(language)
    parts = [title] * holds.caretaker + [_(CALENDAR_WORDS[0])] * holds.waste + [_(CALENDAR_WORDS[1])] * holds.notices
    return i18n.list_text(parts, language) if parts else ""


def index_pages(project: Project, language: str = "") -> list[Page]:
    """The pages of the landlord's site at the root: the residence index first (it is the home page).

    In another language than the default one (``/en/``), only the index: the law pages are French
    legal texts, published once at the root, and the posters page is for staff.
    """
    config = project.config
    if language and language != config.languages[0]:
        return [index_page(project, language)]
    return [index_page(project), *law_pages(config), posters_page(project)]


LAW_PAGES = (
    (published.ACCESSIBILITY, "Déclaration d'accessibilité", "accessibility.md.j2"),
    (published.LEGAL, "Mentions légales et données personnelles", "legal.md.j2"),
)
"""Pages French law expects, published once at the root and linked from every page's footer."""


def law_pages(config: SiteConfig) -> list[Page]:
    """The accessibility statement (RGAA model) and the legal notice, filled from ``site_config.yml``.

    French only (legal texts), whatever the site's languages: other languages' footers link here."""
    config = in_one_language(config, "fr")
    return [Page(file, title, environment("fr").get_template(template).render(config=config),
                 description=f"{title} des sites des résidences {i18n.elided(f'de {config.landlord.name}', 'fr')}.")
            for file, title, template in LAW_PAGES]


@dataclass(frozen=True)
class IndexEntry:
    """What the index shows of a residence, in the page's language: only these two are put in one language
    (neither is inherited from the agency), not the whole residence 1,000 times per language and build."""

    name: object
    address: Address


def index_page(project: Project, language: str = "") -> Page:
    """The landlord's index: every residence by city, so a tenant finds their own.

    A residence's line is a function of its file, ``site_config.yml``, our code and the language, so it is
    kept between runs under those, with the page's text (``composed``): a rebuild after one change renders
    that line only, and the page again only if the line changed."""
    config = project.config
    language = language or config.languages[0]
    prefix = published.language_prefix(language, tuple(config.languages))

    def make(item: ResidenceFile) -> tuple[object, object, str]:
        shown = IndexEntry(in_one_language(item.residence.name, language),
                           in_one_language(item.residence.address, language))
        return shown.address.city, shown.name, environment(language).get_template("index_entry.md.j2").render(
            res=shown, slug=item.slug, prefix=prefix, up="../" if prefix else "")

    def compose(lines: list[tuple[object, object, str]]) -> tuple[str, str, str]:
        by_city: dict[object, list[Markup]] = {}  # a city is a text in one language: marked if need be
        for city, _, html in sorted(lines, key=lambda line: in_lists(line[0], line[1])):
            by_city.setdefault(city, []).append(Markup(html))
        body = environment(language).get_template("index.md.j2").render(
            config=in_one_language(config, language), by_city=by_city, count=len(lines))
        cities = sorted({str(city) for city, _, _ in lines}, key=lambda city: in_lists(city, ""))
        count = i18n.translations(language).ngettext("%(num)s résidence.", "%(num)s résidences.", len(lines))
        named = ", ".join(cities[:8]) + "…" * (len(cities) > 8)
        return body, digest(body.encode()), f"{count % {'num': len(lines)}} {named}"

    body, body_digest, described = composed("index", project, make, compose, language, part=language)
    landlord = in_one_language(config, language).landlord.name
    title = i18n.gettext(language)(N_("Nos résidences"))
    return Page(published.INDEX, title, body, description=f"{title} · {landlord} · {described}",
                markdown_digest=body_digest)


def posters_page(project: Project) -> Page:
    """The staff page ``posters/`` of the root site: every residence's poster files; not in the menu.
    Each residence's line is kept between runs, with its place and the page (``composed``), as the index's."""
    def make(item: ResidenceFile) -> tuple[Order, str]:
        return item.order, environment("fr").get_template(
            "poster_entry.md.j2").render(config=project.config, item=item, poster_paths=poster_paths,
                                         hall_dir=published.HALL_SCREEN_DIR)

    def compose(lines: list[tuple[Order, str]]) -> tuple[str, str]:
        body = environment("fr").get_template("posters.md.j2").render(
            config=project.config, lines=[Markup(html) for _, html in sorted(lines, key=lambda line: line[0])])
        return body, digest(body.encode())

    body, body_digest = composed("posters", project, make, compose)
    return Page(published.POSTERS_PAGE, "Affiches à imprimer", body, in_nav=False, markdown_digest=body_digest,
                description=i18n.elided("Affiches, QR codes et écrans du hall des résidences "
                                        f"de {project.config.landlord.name}.", "fr"))
