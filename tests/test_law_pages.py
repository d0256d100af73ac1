"""The pages French law expects: accessibility statement (RGAA model) and legal notice, from site_config."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from generator.publish.site import build_site
from generator.cli import main
from generator.contract.project import load_project
from generator.outputs.pages import law_pages

from conftest import SITE_CONFIG

TODAY = date(2026, 12, 2)

CONFIGURED = SITE_CONFIG + """\
accessibility:
  status: partiellement_conforme
  audit: {date: 2026-06-15, by: Access42, rate: 82 %}
  statement_date: 2026-06-30
  email: a11y@example.org
  phone: 01 40 00 00 01
  non_compliant: [Le plan de la résidence n'a pas de description textuelle.]
  derogations: [Les vidéos des réunions de locataires ne sont pas sous-titrées.]
  plan: https://example.org/schema
legal:
  publisher: Habitat Test SA d'HLM
  registration: SIREN 123 456 789
  director: Jeanne Martin
  privacy_email: dpo@example.org
  host: {name: OVH SAS, address: 2 rue Kellermann 59100 Roubaix, website: https://www.ovhcloud.com/}
"""


def _text(markup: str) -> str:
    """The words a reader sees: tags dropped, entities decoded, spaces squeezed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _pages(root: Path) -> dict[str, str]:
    return {p.file: p.markdown for p in law_pages(load_project(root).config)}


def test_defaults_say_non_conforme_without_an_audit_and_give_recourse(make_project) -> None:  # type: ignore[no-untyped-def]
    pages = _pages(make_project())
    statement = _text(pages["accessibilite.md"])
    assert "Le site est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA)" \
        in statement
    assert "pas encore fait l'objet d'un audit" in statement
    assert "Signaler un problème d'accessibilité" in statement
    assert "Contactez votre agence" in statement  # the test landlord has no e-mail, phone or address
    assert "Défenseur des droits" in statement and "Libre réponse 71120, 75342 Paris CEDEX 07" in statement
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in pages["accessibilite.md"]
    legal = _text(pages["mentions-legales.md"])
    assert "Éditeur du site Habitat Test" in legal
    assert "Le site est hébergé par Habitat Test." in legal
    assert "ne dépose aucun cookie" in legal and "aucun outil de mesure d'audience" in legal


def test_configured_statement_and_notice_show_every_field(make_project) -> None:  # type: ignore[no-untyped-def]
    pages = _pages(make_project(site_config=CONFIGURED))
    statement, legal = _text(pages["accessibilite.md"]), _text(pages["mentions-legales.md"])
    assert "Le site est partiellement conforme" in statement
    assert "L'audit de conformité réalisé le lundi 15 juin 2026 par Access42 révèle que 82 % des critères" \
        in statement
    assert "Le plan de la résidence n'a pas de description textuelle." in statement
    assert "Les vidéos des réunions de locataires ne sont pas sous-titrées." in statement
    assert "Cette déclaration a été établie le mardi 30 juin 2026." in statement
    assert 'href="mailto:a11y@example.org"' in pages["accessibilite.md"]
    assert 'href="tel:+33140000001"' in pages["accessibilite.md"]
    assert 'href="https://example.org/schema"' in pages["accessibilite.md"]
    for expected in ("Habitat Test SA d'HLM", "SIREN 123 456 789", "Jeanne Martin", "OVH SAS",
                     "2 rue Kellermann 59100 Roubaix"):
        assert expected in legal
    assert 'href="mailto:dpo@example.org"' in pages["mentions-legales.md"]


def test_law_pages_are_published_once_at_the_root(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    build_site(load_project(make_project()), site, TODAY)
    assert (site / "accessibilite" / "index.html").is_file()
    assert (site / "mentions-legales" / "index.html").is_file()
    assert not (site / "test" / "accessibilite").exists()
    page = (site / "test" / "gardien" / "index.html") if (site / "test" / "gardien").exists() \
        else (site / "test" / "contacts" / "index.html")
    assert 'href="../../accessibilite/"' in page.read_text(encoding="utf-8")
    assert 'href="./../accessibilite/"' in (site / "test" / "index.html").read_text(encoding="utf-8")
    assert "Accessibilité\u00a0: non conforme" in (site / "index.html").read_text(encoding="utf-8")


def test_a_wrong_status_is_refused_with_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=SITE_CONFIG + "accessibility:\n  status: conforme\n")
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    assert re.search(r"site_config\.yml:\d+: accessibility\.status", result.output), result.output
    assert "Traceback" not in result.output
