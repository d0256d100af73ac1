"""Promise: « staff-typed text is data, never markup » — for every text field, in every output format.

A hostile value is generated (Hypothesis, derandomized and bounded) for **every text field of the
contract**, found by walking the pydantic models (``tests/scenarios/contract_walk.py``): a field added
tomorrow is attacked the same day. The site is built for real, then every output is read back by a strict
parser (html5lib for HTML, the XML parser for Atom and the sitemap, icalendar, vobject, json, pypdf) and
compared with the same site built from harmless text: no element, attribute, property, component or line
may exist that the harmless site does not have (Markdown fields may add the tags the sanitizer allows,
nothing else), and the texts shown where MkDocs and Material print them (``<title>``, header, footer) are
exactly what was typed: neither raw nor escaped twice. Then again on a site in French, English and Arabic
whose every text is typed in each language (``documents(languages=…)``), with the other scripts' own
characters: the marks of a text in another language or direction (``<span lang dir>``) are a path of their
own, which a site in one language never takes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import html5lib
import icalendar
import pytest
import vobject
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.contract.project import load_project
from generator.outputs import i18n
from generator.outputs.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from generator.publish.site import build_site
from scenarios.contract_walk import documents, text_paths

TODAY = date(2026, 12, 2)
SLUG = "hostile"

FRAGMENTS = [
    "<img src=x onerror=__pwn(1)>",
    "<script>__pwn(2)</script>",
    '"><svg onload=__pwn(3)>',
    "'><rh-x>",
    "</title><rh-x>",
    "</script><rh-x>",
    "</textarea></style><rh-x>",
    "<!--", "-->", "]]>", "<![CDATA[<rh-x>]]>",
    "&amp;", "&lt;rh-x&gt;", "&#60;rh-x&#62;",
    "{{ 7*7 }}", "{% raw %}", "${7*7}",
    '" onmouseover="__pwn(4)', "' onfocus='__pwn(5)",
    ";X-INJ=1", ",", "\\", ":", "\\n", "%0AX-INJ:1", "::error::x", "%25",
    "[a](javascript:__pwn(6))", '<a href="javascript:__pwn(7)">a</a>', "<http://x/\"onmouseover=__pwn(8)>",
    "é", "« Tilleuls »", "Œ", "’",
]
"""Pieces of markup, template syntax and line formats, each on its own or glued to the others. Only
characters the posters can print: the others are refused at their line by ``validate`` (tested there)."""

MARKDOWN_ONLY = ["\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n", "\n\n<rh-x>\n\n", "\n- liste\n"]
"""Line breaks: typed in Markdown fields, which are multi-line by nature."""

pytestmark = pytest.mark.slow  # real builds (seconds each)


def hostile_text(markdown: bool) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(FRAGMENTS + (MARKDOWN_ONLY if markdown else []))
    return st.lists(pieces, min_size=1, max_size=3).map(lambda parts: "X " + "".join(parts) + " Y")


def write_project(root: Path, config: dict, residence: dict) -> Path:
    (root / "residences").mkdir(parents=True)
    dump = dict(allow_unicode=True, sort_keys=False, default_style='"', width=10_000)
    (root / "site_config.yml").write_text(yaml.safe_dump(config, **dump), encoding="utf-8")
    (root / "residences" / f"{SLUG}.yml").write_text(yaml.safe_dump(residence, **dump), encoding="utf-8")
    return root


def build(root: Path, config: dict, residence: dict) -> Path:
    project = write_project(root, config, residence)
    out = root / "site"
    build_site(load_project(project), out, TODAY, jobs=1)
    return out


@dataclass
class Shape:
    """What a built site is made of, per output format, whatever the text in it."""

    html_pairs: set[tuple[str, str]] = field(default_factory=set)
    script_srcs: set[str] = field(default_factory=set)
    xml_tags: set[str] = field(default_factory=set)
    ics_props: set[str] = field(default_factory=set)
    ics_components: dict[str, int] = field(default_factory=dict)
    vcf_props: set[str] = field(default_factory=set)
    vcf_cards: int = 0


def parse_html(data: bytes | str):  # type: ignore[no-untyped-def]
    return html5lib.parse(data, namespaceHTMLElements=False)


def check_html_tree(tree, where: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Elements and attributes of a parsed page; fails on anything only an injection makes."""
    pairs = set()
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else "#comment"
        assert tag != "rh-x", f"{where}: an element was injected"
        pairs.add((tag, ""))
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: event handler {name}={value!r} injected"
            assert not value.strip().lower().startswith("javascript:"), f"{where}: javascript: link {value!r}"
            pairs.add((tag, name))
        if tag == "script" and not element.get("src"):
            if element.get("type") in ("application/json", "application/ld+json"):
                json.loads(element.text or "")  # a data block stays valid JSON, whatever text it carries
            else:
                assert "__pwn" not in (element.text or ""), f"{where}: script injected: {element.text!r}"
    return pairs


def shape(site: Path) -> Shape:
    result = Shape()
    for page in sorted(site.rglob("*.html")):
        tree = parse_html(page.read_bytes())
        result.html_pairs |= check_html_tree(tree, str(page.relative_to(site)))
        result.script_srcs |= {s.get("src").rsplit("/", 1)[-1] for s in tree.iter("script") if s.get("src")}
    for index in sorted(site.rglob("search_index.json")):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                fragment = html5lib.parseFragment(doc[key], namespaceHTMLElements=False)
                result.html_pairs |= check_html_tree(fragment, f"{index.relative_to(site)} {key}")
    for xml_file in sorted(site.rglob("*.xml")):
        result.xml_tags |= {element.tag for element in ET.fromstring(xml_file.read_bytes()).iter()}
    for ics in sorted(site.rglob("*.ics")):
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        for component in calendar.walk():
            result.ics_components[component.name] = result.ics_components.get(component.name, 0) + 1
            result.ics_props |= {name.upper() for name in component.keys()}
    for vcf in sorted(site.rglob("*.vcf")):
        for card in vobject.readComponents(vcf.read_text(encoding="utf-8")):
            result.vcf_cards += 1
            result.vcf_props |= {line.name.upper() for line in card.getChildren()}
    for pdf in sorted(site.rglob("*.pdf")):
        assert "".join(page.extract_text() for page in PdfReader(pdf).pages).strip()
    return result


MARKDOWN_PAIRS = {(tag, "") for tag in ALLOWED_TAGS} | {
    (tag, attribute) for tag, attributes in ALLOWED_ATTRIBUTES.items() for attribute in attributes
    for tag in ([tag] if tag != "*" else sorted(ALLOWED_TAGS))}


def assert_same_structure(hostile: Shape, harmless: Shape) -> None:
    """Hostile text added no element, script, XML tag, calendar or card component or property: it stayed
    text in every output (Markdown's own elements aside)."""
    assert hostile.html_pairs <= harmless.html_pairs | MARKDOWN_PAIRS, \
        sorted(hostile.html_pairs - harmless.html_pairs - MARKDOWN_PAIRS)
    assert hostile.script_srcs == harmless.script_srcs
    assert hostile.xml_tags == harmless.xml_tags
    assert hostile.ics_components == harmless.ics_components
    assert hostile.ics_props == harmless.ics_props
    assert (hostile.vcf_cards, hostile.vcf_props) == (harmless.vcf_cards, harmless.vcf_props)


@pytest.fixture(scope="module")
def harmless(tmp_path_factory: pytest.TempPathFactory) -> Shape:
    counter = iter(range(10_000))
    config, residence = documents(lambda path, markdown: f"Texte {next(counter)}", TODAY)
    return shape(build(tmp_path_factory.mktemp("harmless"), config, residence))


def test_every_text_field_of_the_contract_is_attacked() -> None:
    """The walk finds the fields staff type (so a new one is attacked too), Markdown ones included."""
    paths = text_paths(TODAY)
    assert {"residence:name", "residence:caretaker.name", "site_config:landlord.name",
            "residence:notices[0].title", "site_config:legal.host.name"} <= set(paths)
    assert paths["residence:faq[0].a"] and not paths["residence:name"]
    assert len(paths) >= 50


@settings(max_examples=6, derandomize=True, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_hostile_text_in_every_field_stays_text_in_every_output(
        data: st.DataObject, harmless: Shape, tmp_path_factory: pytest.TempPathFactory) -> None:
    typed: dict[str, str] = {}

    def text_for(path: str, markdown: bool) -> str:
        return typed.setdefault(path, data.draw(hostile_text(markdown), label=path))

    # Notices are urgent: the feed's entry title is « Urgent\u00a0: <title> » (a no-break space before the colon).

    config, residence = documents(text_for, TODAY)
    site = build(tmp_path_factory.mktemp("hostile"), config, residence)
    hostile = shape(site)

    assert_same_structure(hostile, harmless)

    # Shown exactly as typed where MkDocs and Material print our text: <title>, header, footer.
    name, landlord = typed["residence:name"], typed["site_config:landlord.name"]
    home = parse_html((site / SLUG / "index.html").read_bytes())
    assert home.find(".//title").text == name
    topic = home.find(".//header//*[@class='md-header__topic']/span")
    assert topic is not None and topic.text.strip() == name.strip()
    footer = "".join(home.find(".//footer").itertext())
    assert landlord in footer
    root = parse_html((site / "index.html").read_bytes())
    assert root.find(".//title").text == f"Résidences {landlord}"
    # The feed's notice title, read back by the XML parser, is the typed one.
    feed = ET.fromstring((site / SLUG / "avis.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"Urgent\u00a0: {typed['residence:notices[0].title']}" in titles
    # Outages go through the home page and the feed too: their texts shown as typed, in both.
    equipment, news = typed["residence:outages[0].equipment"], typed["residence:outages[0].updates[0].text"]
    assert f"Panne\u00a0: {equipment}" in titles
    assert news in [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    outage = next(a for a in home.iter("article") if "rh-outage" in (a.get("class") or ""))
    assert "".join(outage.find(".//h3").itertext()) == equipment
    assert news in "".join(outage.itertext())


LANGUAGES = ("fr", "en", "ar")
OTHER_SCRIPTS = ["مرحبا بكم", "١٢ شارع", "\u200fRTL\u200e", "👩\u200d👩\u200d👧", "e\u0301", "ي\u00a0:"]
"""What another language's text holds besides markup: Arabic, its digits, direction marks, an emoji sequence
joined by ZWJ, a letter and its accent apart. Not in the default language, which the posters print."""


def hostile_in(language: str, markdown: bool) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(FRAGMENTS + (MARKDOWN_ONLY if markdown else [])
                             + (OTHER_SCRIPTS if language != LANGUAGES[0] else []))
    return st.lists(pieces, min_size=1, max_size=3).map(lambda parts: f"{language.upper()} " + "".join(parts) + " Y")


def _folder(site: Path, language: str) -> Path:
    return site / SLUG / ("" if language == LANGUAGES[0] else language)


@pytest.fixture(scope="module")
def harmless_in_languages(tmp_path_factory: pytest.TempPathFactory) -> Shape:
    counter = iter(range(10_000))
    config, residence = documents(lambda path, markdown: f"Texte {next(counter)}", TODAY, languages=LANGUAGES)
    return shape(build(tmp_path_factory.mktemp("harmless-languages"), config, residence))


@settings(max_examples=6, derandomize=True, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_hostile_text_in_every_language_of_every_field_stays_text_in_every_output(
        data: st.DataObject, harmless_in_languages: Shape, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same, on a site in French, English and Arabic whose every text is typed in each language
    (``{fr: …, en: …, ar: …}``): each language's pages, hall screen, feed, calendar and cards, the language
    switcher and the marks of a text shown in another language or direction (``<span lang dir>``)."""
    typed: dict[str, str] = {}

    def text_for(path: str, markdown: bool) -> str:
        language = path.rsplit("@", 1)[1] if "@" in path else LANGUAGES[0]
        return typed.setdefault(path, data.draw(hostile_in(language, markdown), label=path))

    config, residence = documents(text_for, TODAY, languages=LANGUAGES)
    site = build(tmp_path_factory.mktemp("hostile-languages"), config, residence)
    hostile, harmless = shape(site), harmless_in_languages

    assert_same_structure(hostile, harmless)

    # Each language's outputs say that language's text, as typed: read back by each format's parser.
    for language in LANGUAGES:
        folder = _folder(site, language)
        name, title = typed[f"residence:name@{language}"], typed[f"residence:notices[0].title@{language}"]
        caretaker = typed[f"residence:caretaker.name@{language}"]
        home = parse_html((folder / "index.html").read_bytes())
        assert home.find(".//title").text == name, language
        # In our plain-text sentences a title written the other way is isolated (FSI … PDI, i18n.embedded).
        said = (title, f"{i18n.FIRST_STRONG_ISOLATE}{title}{i18n.POP_ISOLATE}")
        feed = ET.fromstring((folder / "avis.xml").read_bytes())
        assert any((e.text or "").endswith(said) for e in feed.iter("{http://www.w3.org/2005/Atom}title")), language
        calendar = icalendar.Calendar.from_ical((folder / "calendrier.ics").read_bytes())
        assert any(str(event["SUMMARY"]).endswith(said) for event in calendar.walk("VEVENT")), language
        (card,) = vobject.readComponents((folder / "gardien.vcf").read_text(encoding="utf-8"))
        assert card.fn.value == caretaker, language
        manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["name"] == name, language
